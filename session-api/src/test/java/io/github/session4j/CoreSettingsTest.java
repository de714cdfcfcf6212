package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.config.LogCapture;
import io.github.session4j.config.testproviders.AlphaProvider;
import io.github.session4j.config.testproviders.BetaProvider;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoreSettingsTest {

    private static final String SECRET = "correct-horse-battery-staple-0123456789";
    private static final String FALLBACK = "previous-horse-battery-staple-0123456789";
    private static final SessionInterfaceProvider ALPHA = new AlphaProvider();
    private static final List<SessionInterfaceProvider> ALL = List.of(ALPHA, new BetaProvider());

    private static CoreSettings validate(Map<String, String> values) {
        return CoreSettings.validate(SessionConfig.builder().putAll(values).build(), ALPHA, ALL);
    }

    private static String problems(String... lines) {
        return "Invalid session4j configuration (" + lines.length + (lines.length == 1 ? " problem):" : " problems):")
                + "\n  - " + String.join("\n  - ", lines);
    }

    @Nested
    class Values {

        @Test
        void defaults() {
            CoreSettings s = validate(Map.of());
            assertThat(s.type()).isEqualTo("alpha");
            assertThat(s.permanent()).isTrue();
            assertThat(s.permanentLifetime()).isEqualTo(Duration.ofDays(31));
            assertThat(s.absoluteLifetime()).isEmpty();
            assertThat(s.refreshEachRequest()).isTrue();
            assertThat(s.keyPrefix()).isEqualTo("session:");
            assertThat(s.idLength()).isEqualTo(32);
            assertThat(s.serializationFormat()).isEqualTo("msgpack");
            assertThat(s.cookieName()).isEqualTo("session");
            assertThat(s.cookieDomain()).isEmpty();
            assertThat(s.cookiePath()).isEqualTo("/");
            assertThat(s.cookieHttpOnly()).isTrue();
            assertThat(s.cookieSecure()).isFalse();
            assertThat(s.cookieSameSite()).isEqualTo("Lax");
            assertThat(s.cookiePartitioned()).isFalse();
            assertThat(s.idHeader()).isEmpty();
            assertThat(s.secretKey()).isEmpty();
            assertThat(s.secretKeyFallbacks()).isEmpty();
            assertThat(s.maxSize()).isEqualTo(512 * 1024);
            assertThat(s.maxDepth()).isEqualTo(32);
            assertThat(s.cleanupNRequests()).isEmpty();
            assertThat(s.encrypt()).isFalse();
            assertThat(s.configFile()).isEmpty();
            assertThat(s.warnings()).isEmpty();
        }

        @Test
        void everyKeyIsRead() {
            CoreSettings s = validate(Map.ofEntries(Map.entry("session.type", " ALPHA "),
                    Map.entry("SESSION_PERMANENT", "false"), Map.entry("permanent.session.lifetime", "12h"),
                    Map.entry("SESSION_ABSOLUTE_LIFETIME", "P2D"), Map.entry("SESSION_REFRESH_EACH_REQUEST", "FALSE"),
                    Map.entry("SESSION_KEY_PREFIX", "app1:s:"), Map.entry("SESSION_ID_LENGTH", "48"),
                    Map.entry("SESSION_SERIALIZATION_FORMAT", "JSON"), Map.entry("SESSION_COOKIE_NAME", "__Host-sid"),
                    Map.entry("SESSION_COOKIE_PATH", "/"), Map.entry("SESSION_COOKIE_HTTPONLY", "false"),
                    Map.entry("SESSION_COOKIE_SECURE", "true"), Map.entry("SESSION_COOKIE_SAMESITE", "none"),
                    Map.entry("SESSION_COOKIE_PARTITIONED", "true"), Map.entry("SESSION_ID_HEADER", "X-Session-Id"),
                    Map.entry("SECRET_KEY", SECRET), Map.entry("SECRET_KEY_FALLBACKS", FALLBACK + ", " + FALLBACK + "2"),
                    Map.entry("SESSION_MAX_SIZE", "1MiB"), Map.entry("SESSION_MAX_DEPTH", "8"),
                    Map.entry("SESSION_CLEANUP_N_REQUESTS", "1000"), Map.entry("SESSION_ENCRYPT", "true"),
                    Map.entry("SESSION_CONFIG", "/etc/app/session.properties")));
            assertThat(s.type()).isEqualTo("alpha");
            assertThat(s.permanent()).isFalse();
            assertThat(s.permanentLifetime()).isEqualTo(Duration.ofHours(12));
            assertThat(s.absoluteLifetime()).contains(Duration.ofDays(2));
            assertThat(s.refreshEachRequest()).isFalse();
            assertThat(s.keyPrefix()).isEqualTo("app1:s:");
            assertThat(s.idLength()).isEqualTo(48);
            assertThat(s.serializationFormat()).isEqualTo("json");
            assertThat(s.cookieName()).isEqualTo("__Host-sid");
            assertThat(s.cookieHttpOnly()).isFalse();
            assertThat(s.cookieSecure()).isTrue();
            assertThat(s.cookieSameSite()).isEqualTo("None");
            assertThat(s.cookiePartitioned()).isTrue();
            assertThat(s.idHeader()).contains("X-Session-Id");
            assertThat(s.secretKey()).contains(SECRET);
            assertThat(s.secretKeyFallbacks()).containsExactly(FALLBACK, FALLBACK + "2");
            assertThat(s.maxSize()).isEqualTo(1 << 20);
            assertThat(s.maxDepth()).isEqualTo(8);
            assertThat(s.cleanupNRequests()).isEqualTo(OptionalInt.of(1000));
            assertThat(s.encrypt()).isTrue();
            assertThat(s.configFile()).contains("/etc/app/session.properties");
            assertThat(s.toString()).contains("SECRET_KEY=****", "SECRET_KEY_FALLBACKS=[****]", "SESSION_TYPE=alpha")
                    .doesNotContain(SECRET, FALLBACK);
        }

        @Test
        void sameSiteIsNormalised() {
            assertThat(validate(Map.of("SESSION_COOKIE_SAMESITE", "STRICT")).cookieSameSite()).isEqualTo("Strict");
            assertThat(validate(Map.of("SESSION_COOKIE_SAMESITE", " lax ")).cookieSameSite()).isEqualTo("Lax");
        }

        @Test
        void coreKeysAreAllListed() {
            assertThat(CoreSettings.coreKeys()).hasSize(35).contains("SESSION_TYPE", "PERMANENT_SESSION_LIFETIME",
                    "SECRET_KEY", "SECRET_KEY_FALLBACKS", "SESSION_ID_HEADER", "SESSION_DELTA_WRITES", "SESSION_RECORD_CACHE", "SESSION_CONFIG",
                    "SESSION_SERIALIZABLE_CLASSES", "SESSION_NO_STORE", "SESSION_CROSS_ORIGIN_PROTECTION", "SESSION_TRUSTED_ORIGINS",
                    "SESSION_CROSS_ORIGIN_BYPASS", "SESSION_RECORD_FORMAT", "SESSION_USE_SIGNER");
        }
    }

    @Nested
    class Problems {

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "SESSION_TYPE=beta => SESSION_TYPE was 'beta' but the backend in use is 'alpha' (io.github.session4j.config.testproviders.AlphaProvider): set SESSION_TYPE to 'alpha' or remove it",
            "SESSION_PERMANENT=yes => SESSION_PERMANENT was 'yes' but it must be true or false",
            "PERMANENT_SESSION_LIFETIME=0s => PERMANENT_SESSION_LIFETIME was '0s' but it must be longer than zero",
            "PERMANENT_SESSION_LIFETIME=-5m => PERMANENT_SESSION_LIFETIME was '-5m' but it must be longer than zero",
            "SESSION_ABSOLUTE_LIFETIME=PT0S => SESSION_ABSOLUTE_LIFETIME was 'PT0S' but it must be longer than zero",
            "SESSION_ABSOLUTE_LIFETIME=soon => SESSION_ABSOLUTE_LIFETIME was 'soon' but it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M",
            "SESSION_KEY_PREFIX=my app: => SESSION_KEY_PREFIX was 'my app:' but it must not contain spaces or control characters",
            "SESSION_ID_LENGTH=abc => SESSION_ID_LENGTH was 'abc' but it must be an integer",
            "SESSION_ID_LENGTH=8 => SESSION_ID_LENGTH was '8' but it must be between 16 and 256 (random bytes in a session ID)",
            "SESSION_ID_LENGTH=257 => SESSION_ID_LENGTH was '257' but it must be between 16 and 256 (random bytes in a session ID)",
            "SESSION_SERIALIZATION_FORMAT=pickle => SESSION_SERIALIZATION_FORMAT was 'pickle' but it must be one of json, msgpack",
            "SESSION_COOKIE_NAME=my session => SESSION_COOKIE_NAME was 'my session' but a cookie name must be an RFC 6265 token: letters, digits and !#$%&'*+-.^_`|~ only (no spaces, quotes, commas, semicolons or '=')",
            "SESSION_COOKIE_NAME=a=b => SESSION_COOKIE_NAME was 'a=b' but a cookie name must be an RFC 6265 token: letters, digits and !#$%&'*+-.^_`|~ only (no spaces, quotes, commas, semicolons or '=')",
            "SESSION_COOKIE_DOMAIN=a.com;b => SESSION_COOKIE_DOMAIN was 'a.com;b' but it must be a host name such as example.com, without spaces, ';', ',' or '/'",
            "SESSION_COOKIE_PATH=app => SESSION_COOKIE_PATH was 'app' but it must start with '/' and contain no spaces, control characters or ';'",
            "SESSION_COOKIE_SAMESITE=sometimes => SESSION_COOKIE_SAMESITE was 'sometimes' but it must be Strict, Lax or None",
            "SESSION_COOKIE_SAMESITE=None => SESSION_COOKIE_SAMESITE was 'None' but SESSION_COOKIE_SECURE is false, and browsers drop SameSite=None cookies without Secure: set SESSION_COOKIE_SECURE=true (the site must use HTTPS) or use SameSite Lax",
            "SESSION_COOKIE_PARTITIONED=true => SESSION_COOKIE_PARTITIONED was 'true' but SESSION_COOKIE_SECURE is false, and browsers drop Partitioned cookies without Secure: set SESSION_COOKIE_SECURE=true",
            "SESSION_COOKIE_NAME=__Secure-sid => SESSION_COOKIE_NAME was '__Secure-sid' but browsers drop a __Secure- cookie unless SESSION_COOKIE_SECURE=true",
            "SESSION_COOKIE_NAME=__Host-sid => SESSION_COOKIE_NAME was '__Host-sid' but browsers drop a __Host- cookie unless SESSION_COOKIE_SECURE=true, SESSION_COOKIE_DOMAIN is unset and SESSION_COOKIE_PATH=/ (found SESSION_COOKIE_SECURE=false)",
            "SESSION_ID_HEADER=X Session => SESSION_ID_HEADER was 'X Session' but it must be an HTTP header name such as X-Session-Id (letters, digits and -)",
            "SESSION_MAX_SIZE=0 => SESSION_MAX_SIZE was '0' but it must be between 1 byte and 1GiB",
            "SESSION_MAX_SIZE=2GB => SESSION_MAX_SIZE was '2GB' but it must be between 1 byte and 1GiB",
            "SESSION_RECORD_CACHE=lots => SESSION_RECORD_CACHE was 'lots' but it must be a size in bytes such as 512, 64KB, 1MB or 1MiB (KB, MB and GB count in 1024s, like KiB, MiB and GiB)",
            "SESSION_MAX_DEPTH=0 => SESSION_MAX_DEPTH was '0' but it must be between 1 and 1000",
            "SESSION_CLEANUP_N_REQUESTS=0 => SESSION_CLEANUP_N_REQUESTS was '0' but it must be a positive integer (or unset to never sweep)",
            "SESSION_CLEANUP_N_REQUESTS=often => SESSION_CLEANUP_N_REQUESTS was 'often' but it must be an integer",
            "SESSION_ENCRYPT=true => SESSION_ENCRYPT was 'true' but SECRET_KEY is not set: set SECRET_KEY to a random value of at least 32 bytes, or set SESSION_ENCRYPT=false",
            "SESSION_SERIALIZABLE_CLASSES=com.acme.cart.* => SESSION_SERIALIZABLE_CLASSES is set but SECRET_KEY is not: Java-serialized values are read only from records whose MAC has verified, so that bytes planted in the store never reach ObjectInputStream; set SECRET_KEY to a random value of at least 32 bytes (openssl rand -base64 48), or remove SESSION_SERIALIZABLE_CLASSES",
            "SECRET_KEY=short => SECRET_KEY is 5 bytes long but it must be at least 32 bytes: generate one with 'openssl rand -base64 48'",
            "SECRET_KEY_FALLBACKS=" + "0123456789012345678901234567890123 => SECRET_KEY_FALLBACKS is set but SECRET_KEY is not: fallbacks are older keys kept while rotating, so set SECRET_KEY to the current key",
        })
        void eachRuleHasItsMessage(String entry, String message) {
            String[] kv = entry.split("=", 2);
            assertThatThrownBy(() -> validate(Map.of(kv[0], kv[1])))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessage(problems(message));
        }

        @ParameterizedTest
        @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
            "* => SESSION_SERIALIZABLE_CLASSES was '*' but it holds '*', which matches every class; list your own classes or packages, such as com.acme.cart.* or com.acme.model.**",
            "com.acme.*;** => SESSION_SERIALIZABLE_CLASSES was 'com.acme.*;**' but it holds '**', which matches every class; list your own classes or packages, such as com.acme.cart.* or com.acme.model.**",
            "java.util.* => SESSION_SERIALIZABLE_CLASSES was 'java.util.*' but it holds 'java.util.*', a pattern of the JDK's own classes: the JDK's plain value classes (String, boxed numbers, java.time, java.util collections, BigDecimal, UUID) are admitted anyway, and no other JDK class may be; list your own classes",
            "com.acme.*;maxdepth=5 => SESSION_SERIALIZABLE_CLASSES was 'com.acme.*;maxdepth=5' but it holds 'maxdepth=5', a limit: session4j sets the limits of depth, references, array length and bytes itself; list class patterns only",
            "app/com.acme.* => SESSION_SERIALIZABLE_CLASSES was 'app/com.acme.*' but it holds 'app/com.acme.*', a module-qualified pattern; list classes and packages by name only, such as com.acme.cart.*",
            "!com.acme.Secret => SESSION_SERIALIZABLE_CLASSES was '!com.acme.Secret' but it lists no class: give at least one pattern such as com.acme.cart.*",
        })
        void aSerializablePatternThatCannotBeFencedIsRefused(String patterns, String message) {
            assertThatThrownBy(() -> validate(Map.of("SECRET_KEY", SECRET, "SESSION_SERIALIZABLE_CLASSES", patterns)))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessage(problems(message));
        }

        @Test
        void serializableClassesAreReadWithSecretKey() {
            CoreSettings settings = validate(Map.of("SECRET_KEY", SECRET,
                    "SESSION_SERIALIZABLE_CLASSES", " com.acme.cart.* ; com.acme.model.**,!com.acme.model.Secret "));
            assertThat(settings.serializableClasses())
                    .containsExactly("com.acme.cart.*", "com.acme.model.**", "!com.acme.model.Secret");
            assertThat(validate(Map.of()).serializableClasses()).isEmpty();
        }

        @Test
        void aHostCookieListsEverythingWrong() {
            assertThatThrownBy(() -> validate(Map.of("SESSION_COOKIE_NAME", "__host-sid", "SESSION_COOKIE_SECURE", "true",
                    "SESSION_COOKIE_DOMAIN", "example.com", "SESSION_COOKIE_PATH", "/app")))
                    .hasMessage(problems("SESSION_COOKIE_NAME was '__host-sid' but browsers drop a __Host- cookie unless"
                            + " SESSION_COOKIE_SECURE=true, SESSION_COOKIE_DOMAIN is unset and SESSION_COOKIE_PATH=/"
                            + " (found SESSION_COOKIE_DOMAIN=example.com, SESSION_COOKIE_PATH=/app)"));
        }

        @Test
        void everyProblemIsReportedInOneMessage() {
            assertThatThrownBy(() -> validate(Map.of("SESSION_ID_LENGTH", "abc", "SESSION_PERMANENT", "maybe",
                    "PERMANENT_SESSION_LIFETIME", "forever", "SESSION_COOKIE_SAMESITE", "None",
                    "SESSION_COOKIE_SECUR", "true")))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessage(problems(
                            "SESSION_PERMANENT was 'maybe' but it must be true or false",
                            "PERMANENT_SESSION_LIFETIME was 'forever' but it must be a duration such as 500ms, 30s, 30m,"
                                    + " 12h, 31d or PT30M",
                            "SESSION_ID_LENGTH was 'abc' but it must be an integer",
                            "SESSION_COOKIE_SAMESITE was 'None' but SESSION_COOKIE_SECURE is false, and browsers drop"
                                    + " SameSite=None cookies without Secure: set SESSION_COOKIE_SECURE=true (the site"
                                    + " must use HTTPS) or use SameSite Lax",
                            "SESSION_COOKIE_SECUR (set to 'true' in code) is not a setting of the session4j core or of"
                                    + " the 'alpha' backend; did you mean SESSION_COOKIE_SECURE?"));
        }

        @Test
        void secretsNeverAppearInAnyMessage() {
            List<Map<String, String>> broken = List.of(
                    Map.of("SECRET_KEY", "tiny-secret"),
                    Map.of("SECRET_KEY", "tiny-secret", "SESSION_ENCRYPT", "true"),
                    Map.of("SECRET_KEY", SECRET, "SECRET_KEY_FALLBACKS", "tiny-secret," + FALLBACK),
                    Map.of("SESSION_ALPHA_PASSWORD", "tiny-secret", "SESSION_TYPE", "beta"),
                    Map.of("SESSION_REDIS_PASSWORD", "tiny-secret"),
                    Map.of("SESSION_REDIS_URI", "redis://u:tiny-secret@host"));
            for (Map<String, String> values : broken) {
                assertThatThrownBy(() -> validate(values)).isInstanceOf(SessionConfigException.class)
                        .hasMessageNotContaining("tiny-secret").hasMessageNotContaining(FALLBACK)
                        .hasMessageNotContaining(SECRET);
            }
            assertThatThrownBy(() -> validate(Map.of("SECRET_KEY", SECRET, "SECRET_KEY_FALLBACKS", "tiny-secret," + FALLBACK)))
                    .hasMessage(problems("SECRET_KEY_FALLBACKS item 1 is 11 bytes long but it must be at least 32 bytes"));
            assertThatThrownBy(() -> validate(Map.of("SESSION_REDIS_PASSWORD", "tiny-secret")))
                    .hasMessage(problems("SESSION_REDIS_PASSWORD (set to '****' in code) is not a setting of the"
                            + " session4j core or of the 'alpha' backend; remove it or correct its name (see CONFIG.md"
                            + " and the backend's README)"));
        }
    }

    @Nested
    class UnknownKeys {

        @TempDir
        Path dir;

        @Test
        void theSelectedBackendsKeysAreKnown() {
            assertThat(validate(Map.of("SESSION_ALPHA_URL", "alpha://host")).warnings()).isEmpty();
        }

        @Test
        void keysOfAnotherBackendOnTheClasspathAreAllowedSilently() {
            assertThat(validate(Map.of("SESSION_BETA_HOSTS", "b1,b2")).warnings()).isEmpty();
        }

        @Test
        void aTypoGetsADidYouMeanOverCoreAndBackendKeys() {
            assertThatThrownBy(() -> validate(Map.of("SESSION_ALPHA_ULR", "alpha://host")))
                    .hasMessage(problems("SESSION_ALPHA_ULR (set to 'alpha://host' in code) is not a setting of the"
                            + " session4j core or of the 'alpha' backend; did you mean SESSION_ALPHA_URL?"));
            assertThatThrownBy(() -> validate(Map.of("session.cookie.same.site", "Strict")))
                    .hasMessage(problems("SESSION_COOKIE_SAME_SITE (set to 'Strict' in code) is not a setting of the"
                            + " session4j core or of the 'alpha' backend; did you mean SESSION_COOKIE_SAMESITE?"));
        }

        @Test
        void unknownKeysFromTheFileAndSystemPropertiesAreErrors() throws Exception {
            Path file = dir.resolve("s.properties");
            Files.writeString(file, "SESION_TYPE=alpha\n");
            SessionConfig config = SessionConfig.builder().standardSources().environment(Map.of()).file(file)
                    .systemProperties(Map.of("session.cookie.secur", "true")).build();
            assertThatThrownBy(() -> CoreSettings.validate(config, ALPHA, ALL))
                    .hasMessage(problems(
                            "SESION_TYPE (set to 'alpha' in the properties file) is not a setting of the session4j core"
                                    + " or of the 'alpha' backend; did you mean SESSION_TYPE?",
                            "SESSION_COOKIE_SECUR (set to 'true' in system properties) is not a setting of the session4j"
                                    + " core or of the 'alpha' backend; did you mean SESSION_COOKIE_SECURE?"));
        }

        @Test
        void unknownKeysFromTheEnvironmentAreOnlyWarnings() {
            SessionConfig config = SessionConfig.builder().standardSources().systemProperties(Map.of()).file(emptyFile())
                    .environment(Map.of("SESSION_MANAGER", "local/host:@/tmp/.ICE-unix/1234",
                            "SESSION_COOKIE_SECUR", "true"))
                    .build();
            try (LogCapture log = LogCapture.of(CoreSettings.class)) {
                CoreSettings settings = CoreSettings.validate(config, ALPHA, ALL);
                List<String> expected = List.of(
                        "Ignoring the environment variable SESSION_COOKIE_SECUR: it is not a setting of the session4j"
                                + " core or of the 'alpha' backend; did you mean SESSION_COOKIE_SECURE?",
                        "Ignoring the environment variable SESSION_MANAGER: it is not a setting of the session4j core"
                                + " or of the 'alpha' backend; remove it or correct its name (see CONFIG.md and the"
                                + " backend's README)");
                assertThat(settings.warnings()).isEqualTo(expected);
                assertThat(log.warnings()).isEqualTo(expected);
            }
        }

        private Path emptyFile() {
            try {
                return Files.writeString(dir.resolve("empty.properties"), "");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
