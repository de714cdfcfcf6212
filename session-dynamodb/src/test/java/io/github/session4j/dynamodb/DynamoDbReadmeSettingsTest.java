package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.config.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The settings tables of this module's README agree with the backend's descriptors. */
class DynamoDbReadmeSettingsTest {

    @Test
    void theReadmeListsEverySettingWithItsDefault() throws Exception {
        assertThat(SettingsTable.check(Files.readString(Path.of("README.md")),
                new DynamoDbSessionInterfaceProvider().settings(), true)).isEmpty();
    }
}
