package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.config.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The settings tables of this module's README agree with the backend's descriptors. */
class MongoReadmeSettingsTest {

    @Test
    void theReadmeListsEverySettingWithItsDefault() throws Exception {
        assertThat(SettingsTable.check(Files.readString(Path.of("README.md")), new MongoSessionInterfaceProvider().settings(), true))
                .isEmpty();
    }
}
