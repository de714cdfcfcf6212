package io.github.session4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.CoreSettings;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.config.testproviders.AlphaProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A descriptor parses, checks, masks and defaults; a configuration needs only its one lookup. */
class SettingTest {

    private static final Setting<Integer> PORT = Setting.integer("SESSION_X_PORT").defaultValue(80)
            .check(p -> p >= 1 && p <= 65535, "it must be between 1 and 65535").doc("the port").build();
    private static final Setting<String> TOKEN = Setting.string("SESSION_X_KEY").secret()
            .check(t -> t.length() >= 8, f -> f.key() + " is " + f.value().length() + " characters long but it must"
                    + " be at least 8 (value " + f.shown() + ")").build();
    private static final Setting<String> HOST = Setting.trimmed("SESSION_X_HOST")
            .required("SESSION_X_HOST is not set: give the host, such as localhost").build();

    private static SessionConfig config(Map<String, String> values) {
        return SessionConfig.builder().putAll(values).build();
    }

    @Test
    void aValueIsParsedAndCheckedOrTheDefaultIsUsed() {
        assertThat(config(Map.of()).get(PORT)).isEqualTo(80);
        assertThat(config(Map.of("session.x.port", " 8080 ")).get(PORT)).isEqualTo(8080);
        assertThat(PORT.find(config(Map.of()))).isEmpty();
        assertThat(PORT.defaultText()).isEqualTo("80");
        assertThat(PORT.doc()).isEqualTo("the port");
        assertThat(PORT).hasToString("SESSION_X_PORT");
        assertThatThrownBy(() -> config(Map.of("SESSION_X_PORT", "http")).get(PORT))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_X_PORT was 'http' but it must be an integer");
        assertThatThrownBy(() -> config(Map.of("SESSION_X_PORT", "0")).get(PORT))
                .hasMessage("SESSION_X_PORT was '0' but it must be between 1 and 65535");
    }

    @Test
    void everyProblemIsCollectedAndTheDefaultStandsIn() {
        Problems problems = new Problems();
        SessionConfig config = config(Map.of("SESSION_X_PORT", "0", "SESSION_X_KEY", "short"));
        assertThat(PORT.read(config, problems)).isEqualTo(80);
        assertThat(TOKEN.read(config, problems)).isNull();
        assertThat(HOST.read(config, problems)).isNull();
        assertThat(problems.messages()).containsExactly(
                "SESSION_X_PORT was '0' but it must be between 1 and 65535",
                "SESSION_X_KEY is 5 characters long but it must be at least 8 (value ****)",
                "SESSION_X_HOST is not set: give the host, such as localhost");
        assertThat(HOST.required()).isTrue();
        assertThat(HOST.defaultText()).isEqualTo("— (required)");
        assertThatThrownBy(problems::throwIfAny).hasMessage("Invalid session4j configuration (3 problems):\n"
                + "  - SESSION_X_PORT was '0' but it must be between 1 and 65535\n"
                + "  - SESSION_X_KEY is 5 characters long but it must be at least 8 (value ****)\n"
                + "  - SESSION_X_HOST is not set: give the host, such as localhost");
    }

    @Test
    void theSecretFlagDecidesTheMaskingNotTheName() {
        Setting<Duration> secretByFlag = Setting.duration("SESSION_X_WAIT").secret().build();
        assertThatThrownBy(() -> config(Map.of("SESSION_X_WAIT", "hunter2")).get(secretByFlag))
                .hasMessage("SESSION_X_WAIT was '****' but it must be a duration such as 500ms, 30s, 30m, 12h, 31d"
                        + " or PT30M");
        assertThat(Setting.string("SESSION_X_URL").build().show("redis://u:hunter2@h")).isEqualTo("redis://u:****@h");
        assertThat(CoreKeys.SECRET_KEY.secret()).isTrue();
        assertThat(CoreKeys.SECRET_KEY_FALLBACKS.secret()).isTrue();
        SessionConfig config = config(Map.of("SESSION_X_WAIT", "hunter2", "SESSION_OTHER_PASSWORD", "hunter2"));
        assertThat(config.describe(List.of(secretByFlag))).isEqualTo("session4j configuration (properties file: none):\n"
                + "  SESSION_OTHER_PASSWORD = ****  (from code)\n"
                + "  SESSION_X_WAIT = ****  (from code)");
    }

    @Test
    void aSourceWithOnlyTheLookupGetsEveryTypedGetterAndValidates() {
        Map<String, String> source = Map.of("SESSION_ID_LENGTH", "48", "SESSION_COOKIE_NAME", "sid",
                "SESSION_X_PORT", "9", "PERMANENT_SESSION_LIFETIME", "2h", "SESSION_COOKIE_DOMAIN", " ");
        SessionConfig config = key -> Optional.ofNullable(source.get(key));

        assertThat(config.getInt("session.id.length", 32)).isEqualTo(48);
        assertThat(config.getDuration("PERMANENT_SESSION_LIFETIME")).contains(Duration.ofHours(2));
        assertThat(config.getString("SESSION_COOKIE_DOMAIN")).as("blank is unset").isEmpty();
        assertThat(config.get(PORT)).isEqualTo(9);
        assertThat(config.keys()).isEmpty();
        assertThat(config.source("SESSION_X_PORT")).isEmpty();
        CoreSettings core = CoreSettings.validate(config, new AlphaProvider(), List.of(new AlphaProvider()));
        assertThat(core.idLength()).isEqualTo(48);
        assertThat(core.cookieName()).isEqualTo("sid");
        assertThat(core.permanentLifetime()).isEqualTo(Duration.ofHours(2));
    }
}
