package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.servers.Loopback;
import io.github.session4j.servers.TcpProxy;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database is down at start-up (a closed port) or goes away mid-run (a TCP relay to the real
 * server that the test cuts and restores).
 */
class DatabaseDownTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    @Test
    void startUpAgainstAClosedPortFailsNamingTheUrlWithThePasswordMasked() {
        int port = Loopback.freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/test?user=app&password=hunter2";
        SessionConfig config = SessionConfig.builder().putAll(Map.of(
                JdbcSettings.URL, url,
                JdbcSettings.PASSWORD, "s3cret",
                JdbcSettings.CONNECT_TIMEOUT, "1s")).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> new JdbcSessionInterfaceProvider().create(
                BackendContext.validate(new JdbcSessionInterfaceProvider(), config, Clock.systemUTC())))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("session-jdbc could not connect to jdbc:postgresql://127.0.0.1:" + port
                        + "/test?user=app&password=**** within 1000 ms (SESSION_JDBC_CONNECT_TIMEOUT): ")
                .hasMessageContaining("Connection to 127.0.0.1:" + port + " refused")
                .hasMessageEndingWith(". Check that the database is running and reachable and that SESSION_JDBC_URL,"
                        + " SESSION_JDBC_USER and SESSION_JDBC_PASSWORD are right")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("s3cret");
        System.out.printf("start-up against a closed port failed after %d ms (timeout 1000 ms)%n",
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void startUpAgainstAClosedMariadbPortMasksTheUserInfoPassword() {
        int port = Loopback.freePort();
        SessionConfig config = SessionConfig.builder().putAll(Map.of(
                JdbcSettings.URL, "jdbc:mariadb://root:hunter2@127.0.0.1:" + port + "/test",
                JdbcSettings.CONNECT_TIMEOUT, "1s")).build();

        assertThatThrownBy(() -> new JdbcSessionInterfaceProvider().create(
                BackendContext.validate(new JdbcSessionInterfaceProvider(), config, Clock.systemUTC())))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("session-jdbc could not connect to jdbc:mariadb://root:****@127.0.0.1:" + port
                        + "/test within 1000 ms")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @EnumSource(value = JdbcTestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void requestsFailFastWhileTheDatabaseIsGoneAndWorkAgainWhenItIsBack(JdbcTestDatabase.Kind kind) {
        int serverPort = kind == JdbcTestDatabase.Kind.POSTGRESQL ? 5432 : 3306;
        try (TcpProxy relay = new TcpProxy(serverPort); Fixture f = Fixture.open(kind)) {
            relay.start();
            String relayed = f.database.url().replace(":" + serverPort + "/", ":" + relay.port() + "/");
            try (JdbcSessionInterface backend = f.open(s -> {
                s.put(JdbcSettings.URL, relayed);
                s.put(JdbcSettings.CONNECT_TIMEOUT, "1s");
                s.put("SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "2");
            })) {
                byte[] data = "kept".getBytes(StandardCharsets.UTF_8);
                assertThat(Writes.create(backend, "session:k", data, TTL)).isTrue();

                relay.stop();
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> backend.load("session:k"))
                            .isInstanceOf(SessionBackendException.class)
                            .hasMessageStartingWith("session-jdbc could not load a session in " + relayed + ": ")
                            .hasMessageEndingWith(". Check that the database is running and reachable");
                }
                assertThatThrownBy(() -> Writes.create(backend, "session:other", data, TTL))
                        .isInstanceOf(SessionBackendException.class)
                        .hasMessageStartingWith("session-jdbc could not create a session in " + relayed);

                relay.start();
                // The pool reconnects in the background: the first request after the return may still fail.
                Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                        .ignoreException(SessionBackendException.class)
                        .untilAsserted(() -> assertThat(backend.load("session:k").orElseThrow().data()).isEqualTo(data));
                assertThat(Writes.create(backend, "session:other", data, TTL)).isTrue();
            }
        }
    }
}
