package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.config.ConfigSource;
import io.github.session4j.config.KeyNamespace;
import io.github.session4j.config.LogCapture;
import io.github.session4j.config.TestClasspath;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionConfigTest {

    @TempDir
    Path dir;

    /** A loader that sees nothing of the real machine: no environment, no properties, no classpath file. */
    private SessionConfig.Builder isolated() {
        return SessionConfig.builder().standardSources().environment(Map.of()).systemProperties(Map.of())
                .classLoader(TestClasspath.in(dir.resolve("empty")).loader());
    }

    private Path propertiesFile(String content) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, content);
        return file;
    }

    @Nested
    class Sources {

        @Test
        void eachSourceAloneIsRead() throws Exception {
            Path file = propertiesFile("SESSION_COOKIE_NAME=from-file\n");
            assertThat(isolated().file(file).build().getString("SESSION_COOKIE_NAME")).contains("from-file");
            assertThat(isolated().environment(Map.of("SESSION_COOKIE_NAME", "from-env")).build()
                    .getString("SESSION_COOKIE_NAME")).contains("from-env");
            assertThat(isolated().systemProperties(Map.of("session.cookie.name", "from-sys")).build()
                    .getString("SESSION_COOKIE_NAME")).contains("from-sys");
            assertThat(isolated().put("session.cookie.name", "from-code").build()
                    .getString("SESSION_COOKIE_NAME")).contains("from-code");
        }

        @Test
        void laterSourcesWin() throws Exception {
            Path file = propertiesFile("session.cookie.name=from-file\nSESSION_COOKIE_PATH=/file\n"
                    + "SESSION_TYPE=file\nSESSION_ID_LENGTH=20\n");
            SessionConfig config = isolated().file(file)
                    .environment(Map.of("SESSION_COOKIE_NAME", "from-env", "SESSION_COOKIE_PATH", "/env",
                            "SESSION_TYPE", "env"))
                    .systemProperties(Map.of("session.cookie.name", "from-sys", "session.type", "sys"))
                    .put("SESSION_COOKIE_NAME", "from-code")
                    .build();
            assertThat(config.getString("SESSION_COOKIE_NAME")).contains("from-code");
            assertThat(config.source("SESSION_COOKIE_NAME")).contains(ConfigSource.CODE);
            assertThat(config.getString("SESSION_TYPE")).contains("sys");
            assertThat(config.source("session.type")).contains(ConfigSource.SYSTEM_PROPERTIES);
            assertThat(config.getString("SESSION_COOKIE_PATH")).contains("/env");
            assertThat(config.source("SESSION_COOKIE_PATH")).contains(ConfigSource.ENVIRONMENT);
            assertThat(config.getInt("SESSION_ID_LENGTH", 32)).isEqualTo(20);
            assertThat(config.source("SESSION_ID_LENGTH")).contains(ConfigSource.FILE);
            assertThat(config.source("SESSION_ABSOLUTE_LIFETIME")).isEmpty();
        }

        @Test
        void onlySessionKeysAreTakenFromEnvironmentAndSystemProperties() {
            SessionConfig config = isolated()
                    .environment(Map.of("PATH", "/usr/bin", "SESSION_TYPE", "memory", "SECRET_KEY", "k",
                            "SECRET_KEY_FALLBACKS", "f", "PERMANENT_SESSION_LIFETIME", "1h", "HOME", "/root"))
                    .systemProperties(Map.of("java.version", "17", "user.home", "/root", "session.key.prefix", "p:"))
                    .build();
            assertThat(config.keys()).containsExactly("PERMANENT_SESSION_LIFETIME", "SECRET_KEY",
                    "SECRET_KEY_FALLBACKS", "SESSION_KEY_PREFIX", "SESSION_TYPE");
        }

        @Test
        void theFileAndCodeMayHoldAnyKey() throws Exception {
            Path file = propertiesFile("OTHER=1\n");
            SessionConfig config = isolated().file(file).put("another", "2").build();
            assertThat(config.keys()).containsExactly("ANOTHER", "OTHER");
        }

        @Test
        void aBlankValueUnsetsWhatAWeakerSourceSet() throws Exception {
            Path file = propertiesFile("SESSION_COOKIE_DOMAIN=example.com\n");
            SessionConfig config = isolated().file(file).environment(Map.of("SESSION_COOKIE_DOMAIN", "")).build();
            assertThat(config.getString("SESSION_COOKIE_DOMAIN")).isEmpty();
            assertThat(config.keys()).isEmpty();
        }

        @Test
        void upperSnakeCaseWinsWhenOneSourceHoldsBothSpellings() {
            SessionConfig config = isolated()
                    .systemProperties(Map.of("session.cookie.name", "dotted", "SESSION_COOKIE_NAME", "snake"))
                    .build();
            assertThat(config.getString("session.cookie.name")).contains("snake");
        }

        @Test
        void theClasspathFileIsRead() {
            ClassLoader loader = TestClasspath.in(dir).file("session.properties", "session.type=redis\n").loader();
            SessionConfig config = SessionConfig.builder().standardSources().environment(Map.of()).systemProperties(Map.of())
                    .classLoader(loader).build();
            assertThat(config.getString("SESSION_TYPE")).contains("redis");
            assertThat(config.source("SESSION_TYPE")).contains(ConfigSource.FILE);
            assertThat(config.file()).hasValueSatisfying(f -> assertThat(f).endsWith("/session.properties"));
        }

        @Test
        void sessionConfigFromTheEnvironmentOrSystemPropertiesNamesTheFileInsteadOfTheClasspathOne() throws Exception {
            Path file = propertiesFile("SESSION_TYPE=from-named-file\n");
            ClassLoader loader = TestClasspath.in(dir.resolve("cp")).file("session.properties", "SESSION_TYPE=cp\n").loader();
            SessionConfig fromEnv = SessionConfig.builder().standardSources().classLoader(loader).systemProperties(Map.of())
                    .environment(Map.of("SESSION_CONFIG", file.toString())).build();
            SessionConfig fromSys = SessionConfig.builder().standardSources().classLoader(loader).environment(Map.of())
                    .systemProperties(Map.of("session.config", file.toString())).build();
            assertThat(fromEnv.getString("SESSION_TYPE")).contains("from-named-file");
            assertThat(fromSys.getString("SESSION_TYPE")).contains("from-named-file");
            assertThat(fromSys.file()).contains(file.toString());
        }

        @Test
        void theFileIsReadAsUtf8() throws Exception {
            Path file = propertiesFile("SESSION_COOKIE_DOMAIN=bücher.example\n");
            assertThat(isolated().file(file).build().getString("SESSION_COOKIE_DOMAIN")).contains("bücher.example");
        }

        @Test
        void aMissingNamedFileIsAnError() {
            Path missing = dir.resolve("nope.properties");
            assertThatThrownBy(() -> isolated().environment(Map.of("SESSION_CONFIG", missing.toString())).build())
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessage("SESSION_CONFIG was '" + missing + "' but that file cannot be read"
                            + " (java.nio.file.NoSuchFileException: " + missing + "). Fix the path, or unset"
                            + " SESSION_CONFIG to use session.properties on the classpath.");
        }

        @Test
        void severalClasspathFilesAreAWarning() {
            ClassLoader first = TestClasspath.in(dir.resolve("a")).file("session.properties", "SESSION_TYPE=a\n").loader();
            TestClasspath.in(dir.resolve("b")).file("session.properties", "SESSION_TYPE=b\n");
            ClassLoader both = new URLClassLoader(new URL[] {toUrl(dir.resolve("b"))}, first);
            try (LogCapture log = LogCapture.of(SessionConfig.class)) {
                SessionConfig config = SessionConfig.builder().standardSources().environment(Map.of()).systemProperties(Map.of())
                        .classLoader(both).build();
                assertThat(config.getString("SESSION_TYPE")).contains("a");
                assertThat(log.warnings()).singleElement().asString()
                        .startsWith("2 files named session.properties are on the classpath: [")
                        .endsWith("]. Reading only the first; remove the others or name the one to read in SESSION_CONFIG.");
            }
        }

        @Test
        void loadReadsTheRealSystemPropertiesAndOnlySessionKeys() {
            System.setProperty("session.load.probe", "seen");
            try {
                SessionConfig config = SessionConfig.load();
                assertThat(config.getString("SESSION_LOAD_PROBE")).contains("seen");
                assertThat(config.source("SESSION_LOAD_PROBE")).contains(ConfigSource.SYSTEM_PROPERTIES);
                assertThat(config.keys()).allMatch(KeyNamespace::contains);
            } finally {
                System.clearProperty("session.load.probe");
            }
        }

        @Test
        void theBuilderReadsNoOutsideSource() {
            SessionConfig config = SessionConfig.builder().put("session.type", "memory").build();
            assertThat(config.keys()).containsExactly("SESSION_TYPE");
            assertThat(config.source("SESSION_TYPE")).contains(ConfigSource.CODE);
            assertThat(config.file()).isEmpty();
        }

        @Test
        void theClockIsInjected() {
            Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
            try (SessionManager viaBackend = SessionManager.builder(isolated().build()).clock(clock)
                    .backend("memory", new io.github.session4j.memory.MemorySessionInterface(clock)).build();
                 SessionManager viaProvider = SessionManager.builder(SessionConfig.builder().build()).clock(clock)
                    .provider(new io.github.session4j.memory.MemorySessionInterfaceProvider()).build()) {
                assertThat(viaBackend.clock()).isSameAs(clock);
                assertThat(viaProvider.clock()).isSameAs(clock);
            }
        }
    }

    @Nested
    class TypedGetters {

        private final SessionConfig config = SessionConfig.builder()
                .put("SESSION_A", " 42 ").put("SESSION_B", "TRUE").put("SESSION_C", "90m").put("SESSION_D", "PT2H")
                .put("SESSION_E", "9000000000").put("SESSION_F", "64KB").put("SESSION_G", " a, b ,,c ")
                .put("SESSION_BAD", "abc").put("SECRET_KEY", "not-a-number-but-a-secret").build();

        @Test
        void valuesAreParsed() {
            assertThat(config.getInt("SESSION_A", 0)).isEqualTo(42);
            assertThat(config.getBoolean("session.b", false)).isTrue();
            assertThat(config.getDuration("SESSION_C")).contains(Duration.ofMinutes(90));
            assertThat(config.getDuration("SESSION_D", Duration.ZERO)).isEqualTo(Duration.ofHours(2));
            assertThat(config.getLong("SESSION_E", 0)).isEqualTo(9_000_000_000L);
            assertThat(config.getSize("SESSION_F", 0)).isEqualTo(65_536);
            assertThat(config.getList("SESSION_G")).containsExactly("a", "b", "c");
            assertThat(config.getSecret("SECRET_KEY")).contains("not-a-number-but-a-secret");
        }

        @Test
        void defaultsApplyWhenUnset() {
            assertThat(config.getInt("SESSION_X", 7)).isEqualTo(7);
            assertThat(config.getLong("SESSION_X", 7L)).isEqualTo(7L);
            assertThat(config.getSize("SESSION_X", 512)).isEqualTo(512);
            assertThat(config.getBoolean("SESSION_X", true)).isTrue();
            assertThat(config.getDuration("SESSION_X")).isEmpty();
            assertThat(config.getString("SESSION_X", "d")).isEqualTo("d");
            assertThat(config.getList("SESSION_X")).isEmpty();
            assertThat(config.getSecret("SESSION_X")).isEmpty();
        }

        @Test
        void parseErrorsNameTheKeyTheValueAndWhatWasExpected() {
            assertThatThrownBy(() -> config.getInt("session.bad", 0)).isInstanceOf(SessionConfigException.class)
                    .hasMessage("SESSION_BAD was 'abc' but it must be an integer");
            assertThatThrownBy(() -> config.getLong("SESSION_BAD", 0)).isInstanceOf(SessionConfigException.class)
                    .hasMessage("SESSION_BAD was 'abc' but it must be an integer");
            assertThatThrownBy(() -> config.getInt("SESSION_E", 0))
                    .hasMessage("SESSION_E was '9000000000' but it must be an integer");
            assertThatThrownBy(() -> config.getBoolean("SESSION_BAD", false))
                    .hasMessage("SESSION_BAD was 'abc' but it must be true or false");
            assertThatThrownBy(() -> config.getDuration("SESSION_BAD"))
                    .hasMessage("SESSION_BAD was 'abc' but it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M");
            assertThatThrownBy(() -> config.getSize("SESSION_BAD", 0))
                    .hasMessage("SESSION_BAD was 'abc' but it must be a size in bytes such as 512, 64KB, 1MB or 1MiB"
                            + " (KB, MB and GB count in 1024s, like KiB, MiB and GiB)");
        }

        @Test
        void parseErrorsMaskSecrets() {
            for (Runnable read : List.<Runnable>of(() -> config.getInt("SECRET_KEY", 0),
                    () -> config.getLong("SECRET_KEY", 0), () -> config.getBoolean("SECRET_KEY", false),
                    () -> config.getDuration("SECRET_KEY"), () -> config.getSize("SECRET_KEY", 0))) {
                assertThatThrownBy(read::run).isInstanceOf(SessionConfigException.class)
                        .hasMessageStartingWith("SECRET_KEY was '****' but it must be")
                        .hasMessageNotContaining("not-a-number");
            }
        }
    }

    @Nested
    class Description {

        private SessionConfig config() {
            return isolated()
                    .environment(Map.of("SECRET_KEY", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t",
                            "SESSION_REDIS_URL", "redis://app:hunter2@cache:6379"))
                    .put("SESSION_TYPE", "redis").put("SECRET_KEY_FALLBACKS", "old-s3cr3t").build();
        }

        @Test
        void describeListsEveryValueWithItsSourceAndMasksSecrets() {
            assertThat(config().describe()).isEqualTo("session4j configuration (properties file: none):\n"
                    + "  SECRET_KEY = ****  (from the environment)\n"
                    + "  SECRET_KEY_FALLBACKS = ****  (from code)\n"
                    + "  SESSION_REDIS_URL = redis://app:****@cache:6379  (from the environment)\n"
                    + "  SESSION_TYPE = redis  (from code)");
        }

        @Test
        void toStringMasksSecrets() {
            SessionConfig config = config();
            assertThat(config.toString()).isEqualTo("SessionConfig{SECRET_KEY=****, SECRET_KEY_FALLBACKS=****,"
                    + " SESSION_REDIS_URL=redis://app:****@cache:6379, SESSION_TYPE=redis}");
            assertThat(config.toString() + config.describe()).doesNotContain("s3cr3t", "hunter2");
        }
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
