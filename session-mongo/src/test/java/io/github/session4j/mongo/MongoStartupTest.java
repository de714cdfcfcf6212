package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.WriteConcern;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.spi.BackendContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Start-up against a server that is not there, and the driver settings start-up builds. */
class MongoStartupTest {

    @Test
    void anUnreachableServerFailsStartUpWithinTheTimeoutWithTheCredentialsMasked() throws IOException {
        int port = freePort();
        String target = "mongodb://alice:s3cret@127.0.0.1:" + port + "/?authSource=admin";
        SessionConfig config = SessionConfig.builder().putAll(Map.of(
                "SESSION_MONGODB", target,
                "SESSION_MONGODB_TIMEOUT", "1s",
                "SESSION_MONGODB_CONNECT_TIMEOUT", "500ms")).build();

        assertThatThrownBy(() -> new MongoSessionInterfaceProvider().create(BackendContext.validate(new MongoSessionInterfaceProvider(), config, Clock.systemUTC())))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("MongoDB could not answer a ping at start-up in flask_session.sessions at"
                        + " mongodb://alice:****@127.0.0.1:" + port + "/?authSource=admin: no usable server answered"
                        + " within 1s (Timed out while waiting for a server")
                .hasMessageEndingWith(". Check that MongoDB runs and is reachable at the hosts of SESSION_MONGODB;"
                        + " SESSION_MONGODB_TIMEOUT (now 1s) bounds each wait and SESSION_MONGODB_CONNECT_TIMEOUT"
                        + " (now 500ms) each connection attempt")
                .hasMessageNotContaining("s3cret")
                .hasCauseInstanceOf(MongoTimeoutException.class);
    }

    @Test
    void theMessageOfTheCauseHoldsNoPasswordEither() throws IOException {
        int port = freePort();
        SessionConfig config = SessionConfig.builder().putAll(Map.of(
                "SESSION_MONGODB", "mongodb://alice:s3cret@127.0.0.1:" + port,
                "SESSION_MONGODB_TIMEOUT", "300ms")).build();

        Throwable failure = catchThrowable(
                () -> new MongoSessionInterfaceProvider().create(BackendContext.validate(new MongoSessionInterfaceProvider(), config, Clock.systemUTC())));

        assertThat(failure).isInstanceOf(SessionBackendException.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret");
        }
    }

    @Test
    void theDriverIsToldTheTimeoutsTheWriteConcernAndAName() {
        MongoSettings settings = MongoSettings.from(SessionConfig.builder().putAll(Map.of(
                "SESSION_MONGODB", "mongodb://127.0.0.1:27017",
                "SESSION_MONGODB_TIMEOUT", "1s",
                "SESSION_MONGODB_CONNECT_TIMEOUT", "500ms",
                "SESSION_MONGODB_WRITE_CONCERN", "w1")).build(), "session:");

        MongoClientSettings driver = MongoConnector.clientSettings(settings);

        assertThat(driver.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1000);
        assertThat(driver.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1000);
        assertThat(driver.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS)).isEqualTo(1000);
        assertThat(driver.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(500);
        assertThat(driver.getWriteConcern()).isEqualTo(WriteConcern.W1);
        assertThat(driver.getApplicationName()).isEqualTo("session4j");
        assertThat(MongoConnector.clientSettings(MongoSettings.from(SessionConfig.builder()
                .put("SESSION_MONGODB", "mongodb://h/?appName=shop").build(), "session:")).getApplicationName()).isEqualTo("shop");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
