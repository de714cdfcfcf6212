package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings, validation messages and the pool configuration; no database needed. */
class JdbcSettingsTest {

    private static JdbcSettings settings(Map<String, String> values) {
        return Fixture.settings(SessionConfig.builder().putAll(values).build());
    }

    @Test
    void defaultsAreAnH2FileDatabaseAndASessionsTable() {
        JdbcSettings settings = settings(Map.of());
        assertThat(settings.url()).isEqualTo("jdbc:h2:file:./session4j-sessions");
        assertThat(settings.qualifiedTable()).isEqualTo("sessions");
        assertThat(settings.createTable()).isTrue();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.sweepBatchSize()).isEqualTo(500);
        assertThat(settings.keyPrefix()).isEqualTo("session:");
    }

    @Test
    void everyInvalidSettingIsReportedInOneMessage() {
        assertThatThrownBy(() -> settings(Map.of(
                "SESSION_JDBC_URL", "postgres://x",
                "SESSION_JDBC_TABLE", "sessions; DROP TABLE users",
                "session.jdbc.schema", "1bad",
                "SESSION_JDBC_CREATE_TABLE", "yes",
                "SESSION_JDBC_CONNECT_TIMEOUT", "10ms",
                "SESSION_JDBC_SWEEP_BATCH_SIZE", "0",
                "SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "many",
                "SESSION_JDBC_POOL_MAX_POOL", "3")))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the jdbc backend (8 problems):\n"
                        + "  - SESSION_JDBC_URL was 'postgres://x' but it must be a JDBC URL starting with jdbc:,"
                        + " such as jdbc:postgresql://localhost:5432/app\n"
                        + "  - SESSION_JDBC_TABLE was 'sessions; DROP TABLE users' but it must be a plain SQL identifier:"
                        + " a letter or _ followed by up to 47 letters, digits or _\n"
                        + "  - SESSION_JDBC_SCHEMA was '1bad' but it must be a plain SQL identifier:"
                        + " a letter or _ followed by up to 47 letters, digits or _\n"
                        + "  - SESSION_JDBC_CREATE_TABLE was 'yes' but it must be true or false\n"
                        + "  - SESSION_JDBC_CONNECT_TIMEOUT was '10ms' but it must be at least 250ms\n"
                        + "  - SESSION_JDBC_SWEEP_BATCH_SIZE was '0' but it must be between 1 and 10000\n"
                        + "  - SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE was 'many' but it must be an integer\n"
                        + "  - SESSION_JDBC_POOL_MAX_POOL names the HikariCP property maxPool, which does not exist"
                        + " or cannot be set from text; supported suffixes: " + String.join(", ", supportedSuffixes()));
    }

    private static java.util.List<String> supportedSuffixes() {
        return PoolSettings.keys().stream().map(k -> k.substring(PoolSettings.PREFIX.length())).sorted().toList();
    }

    @Test
    void poolPropertiesMapFromUpperSnakeCaseToHikariNames() {
        JdbcSettings settings = settings(Map.of(
                "SESSION_JDBC_URL", "jdbc:postgresql://db/app",
                "SESSION_JDBC_USER", "app",
                "SESSION_JDBC_PASSWORD", "s3cret",
                "SESSION_JDBC_CONNECT_TIMEOUT", "1500ms",
                "SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "7",
                "session.jdbc.pool.idle.timeout", "2m",
                "SESSION_JDBC_POOL_MAX_LIFETIME", "600000",
                "SESSION_JDBC_POOL_AUTO_COMMIT", "true",
                "SESSION_JDBC_POOL_POOL_NAME", "sessions-pool"));

        HikariConfig hikari = PoolFactory.configure(settings);

        assertThat(hikari.getJdbcUrl()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(hikari.getUsername()).isEqualTo("app");
        assertThat(hikari.getPassword()).isEqualTo("s3cret");
        assertThat(hikari.getConnectionTimeout()).isEqualTo(1500);
        assertThat(hikari.getInitializationFailTimeout()).isEqualTo(1500);
        assertThat(hikari.getMaximumPoolSize()).isEqualTo(7);
        assertThat(hikari.getIdleTimeout()).isEqualTo(120_000);
        assertThat(hikari.getMaxLifetime()).isEqualTo(600_000);
        assertThat(hikari.getPoolName()).isEqualTo("sessions-pool");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=****", "maximumPoolSize=7");
    }

    @Test
    void poolPropertiesThatSession4jSetsItselfPointToItsOwnKey() {
        assertThatThrownBy(() -> settings(Map.of(
                "SESSION_JDBC_POOL_JDBC_URL", "jdbc:h2:mem:x",
                "SESSION_JDBC_POOL_CONNECTION_TIMEOUT", "1000")))
                .hasMessage("Invalid session4j configuration of the jdbc backend (2 problems):\n"
                        + "  - SESSION_JDBC_POOL_CONNECTION_TIMEOUT sets the HikariCP property connectionTimeout,"
                        + " which session4j sets itself; use SESSION_JDBC_CONNECT_TIMEOUT instead\n"
                        + "  - SESSION_JDBC_POOL_JDBC_URL sets the HikariCP property jdbcUrl,"
                        + " which session4j sets itself; use SESSION_JDBC_URL instead");
    }

    @Test
    void passwordsAreMaskedInUrlsAndMessages() {
        assertThat(UrlMasking.mask("jdbc:postgresql://db/app?user=u&password=hunter2&ssl=true", ""))
                .isEqualTo("jdbc:postgresql://db/app?user=u&password=****&ssl=true");
        assertThat(UrlMasking.mask("jdbc:mariadb://root:hunter2@db:3306/app", ""))
                .isEqualTo("jdbc:mariadb://root:****@db:3306/app");
        assertThat(UrlMasking.mask("jdbc:h2:file:./x;USER=sa;PASSWORD=hunter2", ""))
                .isEqualTo("jdbc:h2:file:./x;USER=sa;PASSWORD=****");
        assertThat(UrlMasking.mask("login failed with s3cret", "s3cret")).isEqualTo("login failed with ****");

        assertThatThrownBy(() -> settings(Map.of(
                "SESSION_JDBC_URL", "mysql://root:hunter2@db/app", "SESSION_JDBC_PASSWORD", "hunter2")))
                .hasMessageContaining("SESSION_JDBC_URL was 'mysql://root:****@db/app'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void h2IgnoreCaseIsRefusedBecauseKeysMustMatchByteForByte() {
        assertThatThrownBy(() -> settings(Map.of("SESSION_JDBC_URL", "jdbc:h2:mem:x;IGNORECASE=TRUE")))
                .hasMessageContaining("SESSION_JDBC_URL sets IGNORECASE=TRUE, which would make H2 compare session keys"
                        + " case-insensitively; remove it (session keys must match byte for byte)");
    }

    @Test
    void sweepIntervalZeroOrOffTurnsTheSweeperOff() {
        assertThat(settings(Map.of("SESSION_JDBC_SWEEP_INTERVAL", "0")).sweepInterval()).isZero();
        assertThat(settings(Map.of("SESSION_JDBC_SWEEP_INTERVAL", "off")).sweepInterval()).isZero();
        assertThat(settings(Map.of("SESSION_JDBC_SWEEP_INTERVAL", "90s")).sweepInterval()).hasSeconds(90);
    }

    @Test
    void anUnsupportedDatabaseIsNamedWithTheUrl() {
        JdbcSettings settings = settings(Map.of("SESSION_JDBC_URL", "jdbc:oracle:thin:scott/tiger@db:1521/x"));
        assertThatThrownBy(() -> Dialect.forProduct("Oracle", settings))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_JDBC_URL points to a database that session-jdbc does not support:"
                        + " Oracle (jdbc:oracle:thin:scott/tiger@db:1521/x); use H2, PostgreSQL, MariaDB or MySQL");
    }

    @Test
    void aUrlWithoutDriverNamesTheArtifactsToAdd() {
        JdbcSessionInterfaceProvider provider = new JdbcSessionInterfaceProvider();
        assertThatThrownBy(() -> provider.create(BackendContext.validate(provider, SessionConfig.builder()
                .put("SESSION_JDBC_URL", "jdbc:sqlserver://db:1433;password=hunter2").build(), Clock.systemUTC())))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_JDBC_URL is 'jdbc:sqlserver://db:1433;password=****' but no JDBC driver on the"
                        + " classpath accepts it; add the driver of your database, such as org.postgresql:postgresql,"
                        + " org.mariadb.jdbc:mariadb-java-client or com.mysql:mysql-connector-j (H2 is included)");
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndListsItsKeys() {
        SessionInterfaceProvider provider = ServiceLoader.load(SessionInterfaceProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("jdbc")).findFirst().orElseThrow();
        assertThat(provider.artifact()).isEqualTo("io.github.session4j:session-jdbc");
        assertThat(provider.configKeys()).contains("SESSION_JDBC_URL", "SESSION_JDBC_USER", "SESSION_JDBC_PASSWORD",
                "SESSION_JDBC_TABLE", "SESSION_JDBC_SCHEMA", "SESSION_JDBC_CREATE_TABLE", "SESSION_JDBC_CONNECT_TIMEOUT",
                "SESSION_JDBC_SWEEP_INTERVAL", "SESSION_JDBC_SWEEP_BATCH_SIZE", "SESSION_JDBC_SWEEP_PAUSE",
                "SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "SESSION_JDBC_POOL_MINIMUM_IDLE", "SESSION_JDBC_POOL_IDLE_TIMEOUT")
                .doesNotContain("SESSION_JDBC_POOL_JDBC_URL", "SESSION_JDBC_POOL_PASSWORD", "SESSION_CLEANUP_N_REQUESTS");
    }
}
