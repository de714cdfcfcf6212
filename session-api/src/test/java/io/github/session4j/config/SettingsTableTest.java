package io.github.session4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documentation's settings tables agree with the core's descriptors; the checker finds disagreements. */
class SettingsTableTest {

    @Test
    void configMdListsEveryCoreSettingWithItsDefault() throws Exception {
        assertThat(SettingsTable.check(Files.readString(Path.of("CONFIG.md")), CoreKeys.settings(), true)).isEmpty();
    }

    @Test
    void theRootReadmeAgreesWithTheCoreOnEveryKeyItLists() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(SettingsTable.rows(readme)).containsKeys("SESSION_TYPE", "SESSION_COOKIE_DOMAIN",
                "SESSION_COOKIE_PARTITIONED", "SECRET_KEY_FALLBACKS", "SESSION_MAX_DEPTH", "SESSION_RECORD_CACHE");
        assertThat(SettingsTable.check(readme, CoreKeys.settings(), false)).isEmpty();
    }

    @Test
    void aWrongDefaultAMissingKeyAndAnUnknownKeyAreEachReported() {
        List<Setting<?>> settings = List.of(
                Setting.duration("SESSION_A").defaultValue(Duration.ofMinutes(5), "5m").build(),
                Setting.integer("SESSION_B").defaultValue(3).build(),
                Setting.string("SESSION_C").build());
        String markdown = "| key | default | meaning |\n|---|---|---|\n"
                + "| `SESSION_A` | `10m` | a |\n"
                + "| `SESSION_C` / `_D` | unset / `1` | c and d |\n";
        assertThat(SettingsTable.check(markdown, settings, true)).containsExactly(
                "SESSION_A has the default '10m' in the table but '5m' in its descriptor",
                "SESSION_D is in the table but is no setting here; remove it or add its descriptor",
                "SESSION_B is a setting but is missing from the tables");
    }

    @Test
    void aDefaultMayBeFollowedByAnExplanation() {
        List<Setting<?>> settings = List.of(Setting.size("SESSION_A").defaultValue(0L, "0").build(),
                Setting.string("SESSION_B").defaultText("— (required)").build());
        String markdown = "| key | default | meaning |\n|---|---|---|\n"
                + "| `SESSION_A` | `0` (off) | a |\n| `SESSION_B` | (required) | b |\n";
        assertThat(SettingsTable.check(markdown, settings, true)).isEmpty();
    }
}
