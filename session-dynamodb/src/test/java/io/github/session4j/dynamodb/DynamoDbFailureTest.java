package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.Loopback;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * What the backend does when DynamoDB throttles, answers slowly, goes away or was never there: a
 * {@link SessionBackendException} that says so, after a bounded number of attempts, and recovery
 * once the store is back. dynalite never throttles, so its relay answers as DynamoDB does for a
 * table over its capacity ({@link DynaliteServer#throttle}); each test has a dynalite of its own.
 */
class DynamoDbFailureTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    private DynaliteServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static DynamoDbSessionInterface open(String endpoint, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("SESSION_DYNAMODB", endpoint,
                "SESSION_DYNAMODB_REGION", DynaliteServer.REGION));
        settings.putAll(extra);
        SessionConfig config = SessionConfig.builder().putAll(settings).build();
        DynamoDbSessionInterfaceProvider provider = new DynamoDbSessionInterfaceProvider();
        return (DynamoDbSessionInterface) provider.create(BackendContext.validate(provider, config, Clock.systemUTC()));
    }

    @Test
    void throttlingIsABackendErrorAfterTheConfiguredAttemptsNotEndlessRetries() {
        server = DynaliteServer.start();
        try (DynamoDbSessionInterface backend = open(server.endpoint(), Map.of("SESSION_DYNAMODB_MAX_ATTEMPTS", "2"))) {
            assertThat(Writes.create(backend, "session:before", bytes("before"), TTL)).isTrue();
            server.throttle(true);
            long before = server.itemRequests();

            assertThatThrownBy(() -> backend.load("session:before"))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessage("DynamoDB could not load a session in table Sessions at " + server.endpoint()
                            + " (region us-east-1): throttled (ProvisionedThroughputExceededException) after 2 attempts."
                            + " The table's capacity is exhausted: switch it to on-demand (PAY_PER_REQUEST) or raise"
                            + " its provisioned capacity; SESSION_DYNAMODB_MAX_ATTEMPTS (now 2) bounds the retries and"
                            + " SESSION_DYNAMODB_TIMEOUT (now 2s) the whole call")
                    .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(server.itemRequests() - before).as("requests sent for one load").isEqualTo(2);

            server.throttle(false);
            assertThat(backend.load("session:before").orElseThrow().data()).isEqualTo(bytes("before"));
        }
    }

    @Test
    void aSlowStoreIsABackendErrorBoundedByTheTimeout() {
        server = DynaliteServer.start();
        try (DynamoDbSessionInterface backend = open(server.endpoint(), Map.of("SESSION_DYNAMODB_TIMEOUT", "1s"))) {
            Writes.create(backend, "session:slow", bytes("slow"), TTL);
            server.replyDelay(Duration.ofSeconds(4));

            assertThatThrownBy(() -> backend.load("session:slow"))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("DynamoDB could not load a session in table Sessions at " + server.endpoint()
                            + " (region us-east-1): no answer within 1s")
                    .hasMessageEndingWith(". Check that DynamoDB is reachable at SESSION_DYNAMODB;"
                            + " SESSION_DYNAMODB_TIMEOUT (now 1s) bounds each call and SESSION_DYNAMODB_CONNECT_TIMEOUT"
                            + " (now 1s) each connection attempt")
                    .hasCauseInstanceOf(ApiCallTimeoutException.class);

            server.replyDelay(Duration.ZERO);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> backend.load("session:slow").isPresent());
        }
    }

    @Test
    void anOutageGivesBackendErrorsAndTheBackendRecoversWhenTheStoreIsBack() {
        server = DynaliteServer.startPersistent();
        try (DynamoDbSessionInterface backend = open(server.endpoint(), Map.of())) {
            assertThat(Writes.create(backend, "session:before", bytes("before"), TTL)).isTrue();

            server.stop();

            assertThatThrownBy(() -> backend.load("session:before"))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("DynamoDB could not load a session in table Sessions at " + server.endpoint())
                    .hasMessageContaining("Check that DynamoDB is reachable at SESSION_DYNAMODB");
            assertThatThrownBy(() -> Writes.create(backend, "session:during", bytes("during"), TTL))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("DynamoDB could not create a session in table Sessions at");

            server.restart();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> Writes.create(backend, "session:after", bytes("after"), TTL));
            assertThat(backend.load("session:before").orElseThrow().data()).as("kept across the outage")
                    .isEqualTo(bytes("before"));
            assertThat(backend.load("session:during")).isEmpty();
        }
    }

    @Test
    void anUnreachableEndpointFailsStartUpWithinTheTimeoutAndSaysWhatToCheck() {
        int port = Loopback.freePort();

        assertThatThrownBy(() -> open("http://127.0.0.1:" + port, Map.of("SESSION_DYNAMODB_TIMEOUT", "1s",
                "SESSION_DYNAMODB_CONNECT_TIMEOUT", "500ms")))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("DynamoDB could not describe the table at start-up in table Sessions at"
                        + " http://127.0.0.1:" + port + " (region us-east-1): ")
                .hasMessageEndingWith(". Check that DynamoDB is reachable at SESSION_DYNAMODB; SESSION_DYNAMODB_TIMEOUT"
                        + " (now 1s) bounds each call and SESSION_DYNAMODB_CONNECT_TIMEOUT (now 500ms) each connection"
                        + " attempt")
                .hasCauseInstanceOf(SdkClientException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
