package io.github.session4j.migration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both configurations are validated at start-up; a bad old one fails with every problem listed, secrets masked. */
class MigrationSettingsTest {

    @TempDir
    Path dir;

    private SessionManager start(Map<String, String> old) throws Exception {
        Path file = Store.writeProperties(dir.resolve("old.properties"), old);
        return SessionManager.create(SessionConfig.builder().putAll(Store.REDIS.settings("metrics21-settings:", dir))
                .put("SESSION_MIGRATE_FROM", file.toString()).build());
    }

    @Test
    void everyProblemOfTheOldConfigurationIsListed() throws Exception {
        Map<String, String> old = new LinkedHashMap<>(Store.MEMCACHED.settings("metrics21-settings:", dir));
        old.put("SESSION_PERMANENT", "maybe");
        old.put("PERMANENT_SESSION_LIFETIME", "forever");
        old.put("SESSION_COOKIE_NAMEE", "sid");
        assertThatThrownBy(() -> start(old)).isInstanceOf(SessionConfigException.class)
                .hasMessageStartingWith("SESSION_MIGRATE_FROM names " + dir.resolve("old.properties")
                        + ", the old backend's configuration, and it is invalid:\nInvalid session4j configuration (3 problems):")
                .hasMessageContaining("SESSION_PERMANENT").hasMessageContaining("PERMANENT_SESSION_LIFETIME")
                .hasMessageContaining("SESSION_COOKIE_NAMEE");
    }

    @Test
    void theOldConfigurationMustNameAndSealRecordsTheSameWay() throws Exception {
        Map<String, String> old = new LinkedHashMap<>(Store.MEMCACHED.settings("metrics21-other:", dir));
        old.put("SECRET_KEY", "another-secret-key-of-at-least-32-bytes!!");
        old.put("SESSION_ID_LENGTH", "48");
        assertThatThrownBy(() -> start(old)).isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("(3 problems):")
                .hasMessageContaining("its SESSION_KEY_PREFIX 'metrics21-other:' differs from this application's 'metrics21-settings:'")
                .hasMessageContaining("its SESSION_ID_LENGTH 48 differs from this application's 32")
                .hasMessageContaining("its SECRET_KEY is neither this application's SECRET_KEY nor one of its SECRET_KEY_FALLBACKS")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .doesNotContain("another-secret").doesNotContain(Store.SECRET));
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> SessionManager.create(SessionConfig.builder().putAll(Store.REDIS.settings("metrics21-settings:", dir))
                .put("SESSION_MIGRATE_FROM", dir.resolve("nowhere.properties").toString()).build()))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_MIGRATE_FROM names " + dir.resolve("nowhere.properties") + ", the old backend's configuration, "
                        + "and it is invalid (1 problem):\n  - the file does not exist or cannot be read: "
                        + "give the path of the old application's session.properties");
    }

    @Test
    void anOldBackendsOwnBadSettingStopsStartUp() throws Exception {
        Map<String, String> old = new LinkedHashMap<>(Store.MEMCACHED.settings("metrics21-settings:", dir));
        old.put("SESSION_MEMCACHED_OPERATION_TIMEOUT", "soon");
        assertThatThrownBy(() -> start(old)).isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("SESSION_MEMCACHED_OPERATION_TIMEOUT");
    }
}
