package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.Loopback;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Start-up connects and checks Redis within the connect timeout, and says why it could not. */
class RedisStartupTest {

    private static final String PASSWORD = "c0rrect-h0rse";
    private static RedisServer secured;

    @BeforeAll
    static void startSecuredServer() {
        secured = RedisServer.start("secured", "--requirepass", PASSWORD);
    }

    @AfterAll
    static void stopSecuredServer() {
        secured.close();
    }

    @Test
    void nothingListeningFailsAtOnceNamingTheTargetAndTheSetting() {
        int port = Loopback.freePort();

        assertThatThrownBy(() -> TestKeys.backend("s:", Map.of("SESSION_REDIS", "redis://127.0.0.1:" + port)))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Could not connect to Redis at redis://127.0.0.1:" + port
                        + " within 30s (SESSION_REDIS_CONNECT_TIMEOUT): Unable to connect to 127.0.0.1")
                .hasMessageContaining("Connection refused")
                .hasMessageEndingWith(". Check that Redis is running and reachable there, and the host, port,"
                        + " password and TLS scheme in SESSION_REDIS");
    }

    @Test
    void aServerThatDoesNotAnswerFailsWithinTheConnectTimeout() {
        secured.signal("STOP"); // the kernel still accepts the connection; nothing answers the handshake
        try {
            assertThatThrownBy(() -> TestKeys.backend("s:", Map.of("SESSION_REDIS", "redis://:" + PASSWORD + "@127.0.0.1:"
                    + secured.port(), "SESSION_REDIS_CONNECT_TIMEOUT", "700ms")))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("Could not connect to Redis at redis://:****@127.0.0.1:" + secured.port()
                            + " within 700ms (SESSION_REDIS_CONNECT_TIMEOUT): ")
                    .hasMessageNotContaining(PASSWORD);
        } finally {
            secured.signal("CONT");
        }
    }

    @Test
    void aWrongPasswordIsReportedWithThePasswordMaskedEverywhere() {
        String wrong = "wr0ng-pa55";

        assertThatThrownBy(() -> TestKeys.backend("s:", Map.of("SESSION_REDIS", "redis://:" + wrong + "@127.0.0.1:" + secured.port())))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("Could not connect to Redis at redis://:****@127.0.0.1:" + secured.port())
                .hasMessageContaining("WRONGPASS")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
                    }
                });
    }

    @Test
    void theRightPasswordConnectsAndWorks() {
        String prefix = TestKeys.uniquePrefix();
        try (RedisSessionInterface backend = TestKeys.backend(prefix,
                Map.of("SESSION_REDIS", "redis://:" + PASSWORD + "@127.0.0.1:" + secured.port()))) {
            String key = TestKeys.key(prefix);
            assertThat(Writes.create(backend, key, "r".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1))).isTrue();
            assertThat(backend.load(key)).isPresent();
        }
    }

    @Test
    void aFailedStartLeavesNoClientThreadsBehind() {
        RedisSessionInterface open = TestKeys.backend("s:",
                Map.of("SESSION_REDIS", "redis://:" + PASSWORD + "@127.0.0.1:" + secured.port()));
        assertThat(lettuceThreads()).as("the client's threads while it is open").isPositive();
        open.close();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> TestKeys.backend("s:", Map.of("SESSION_REDIS", "redis://:bad@127.0.0.1:" + secured.port())))
                    .isInstanceOf(SessionBackendException.class);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> lettuceThreads() == 0);
    }

    @Test
    void cleanupOnRedisWhichCannotSweepStopsStartUpAndClosesTheBackend() {
        SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "redis")
                .put("SESSION_REDIS", "redis://:" + PASSWORD + "@127.0.0.1:" + secured.port())
                .put("SESSION_CLEANUP_N_REQUESTS", "1000").build();

        assertThatThrownBy(() -> SessionManager.create(config))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_CLEANUP_N_REQUESTS was '1000' but the redis backend in use cannot sweep expired"
                        + " records: it has no ExpirySweeper. Backends on the classpath that have it: memory; set"
                        + " SESSION_TYPE to one of them, or unset SESSION_CLEANUP_N_REQUESTS.");
    }

    static long lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lettuce-"))
                .count();
    }
}
