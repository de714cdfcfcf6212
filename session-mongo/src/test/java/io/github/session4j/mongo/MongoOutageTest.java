package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoTimeoutException;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that goes away mid-run and comes back: a mongo-java-server of this test's own is
 * stopped, then a new one is started on the same port.
 */
class MongoOutageTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    @Test
    void aServerThatGoesAwayGivesBackendErrorsBoundedByTheTimeoutAndTheBackendRecovers() {
        MongoJavaServer server = MongoJavaServer.start(0);
        int port = server.port();
        SessionConfig config = SessionConfig.builder().putAll(Map.of(
                "SESSION_MONGODB", server.connectionString(),
                "SESSION_MONGODB_DB", "outage",
                "SESSION_MONGODB_TIMEOUT", "2s",
                "SESSION_MONGODB_CONNECT_TIMEOUT", "10s")).build();
        try (MongoSessionInterface backend = (MongoSessionInterface) new MongoSessionInterfaceProvider().create(BackendContext.validate(new MongoSessionInterfaceProvider(), config, Clock.systemUTC()))) {
            assertThat(Writes.create(backend, "session:before", bytes("before"), TTL)).isTrue();

            server.close();

            assertThatThrownBy(() -> backend.load("session:before"))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("MongoDB could not load a session in outage.sessions at mongodb://127.0.0.1:"
                            + port + ": ")
                    .hasMessageContaining("Check that MongoDB runs and is reachable at the hosts of SESSION_MONGODB");
            // once the driver knows the server is gone, each call waits at most SESSION_MONGODB_TIMEOUT
            assertThatThrownBy(() -> Writes.create(backend, "session:during", bytes("during"), TTL))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("MongoDB could not create a session in outage.sessions at")
                    .cause().isInstanceOf(MongoTimeoutException.class)
                    .hasMessageStartingWith("Timed out while waiting for a server");

            MongoJavaServer restarted = MongoJavaServer.start(port);
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> Writes.create(backend, "session:after", bytes("after"), TTL));

                assertThat(backend.load("session:after").orElseThrow().data()).isEqualTo(bytes("after"));
                assertThat(backend.load("session:before")).as("the new server started empty").isEmpty();
            } finally {
                restarted.close();
            }
        } finally {
            server.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
