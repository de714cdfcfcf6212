package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The requests of each operation and of start-up, counted by dynalite's relay on the way to the
 * server, per DynamoDB operation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbBudgetTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    private final DynaliteServer server = TestServers.dynalite();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final String table = TestTables.newName("budget");
    private final DynamoDbSessionInterface backend;
    private final Map<String, Long> startUp;

    DynamoDbBudgetTest() {
        Map<String, Long> before = server.requestsByOperation();
        backend = open();
        startUp = delta(before, server.requestsByOperation());
    }

    private DynamoDbSessionInterface open() {
        SessionConfig config = SessionConfig.builder().putAll(Map.of("SESSION_DYNAMODB", server.endpoint(),
                "SESSION_DYNAMODB_REGION", DynaliteServer.REGION, "SESSION_DYNAMODB_TABLE", table)).build();
        DynamoDbSessionInterfaceProvider provider = new DynamoDbSessionInterfaceProvider();
        return (DynamoDbSessionInterface) provider.create(BackendContext.validate(provider, config, clock));
    }

    @AfterAll
    void close() {
        backend.close();
    }

    private Map<String, Long> requestsOf(Runnable operation) {
        Map<String, Long> before = server.requestsByOperation();
        operation.run();
        return delta(before, server.requestsByOperation());
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((operation, count) -> {
            long d = count - before.getOrDefault(operation, 0L);
            if (d != 0) {
                delta.put(operation, d);
            }
        });
        return delta;
    }

    @Test
    void startUpOfANewTableDescribesCreatesWaitsAndAsksForTheTtl() {
        assertThat(startUp).containsOnlyKeys("DescribeTable", "CreateTable", "DescribeTimeToLive", "UpdateTimeToLive");
        assertThat(startUp).containsEntry("CreateTable", 1L).containsEntry("DescribeTimeToLive", 1L)
                .containsEntry("UpdateTimeToLive", 1L);
    }

    @Test
    void startUpOnAnExistingTableIsTwoDescriptionsAndTheTtlRequest() {
        Map<String, Long> before = server.requestsByOperation();
        open().close();
        // dynalite reports the TTL disabled, so start-up asks to enable it each time; on DynamoDB it is 2 requests
        assertThat(delta(before, server.requestsByOperation())).isEqualTo(Map.of("DescribeTable", 1L,
                "DescribeTimeToLive", 1L, "UpdateTimeToLive", 1L));
    }

    @Test
    void everyOperationIsOneRequest() {
        assertThat(requestsOf(() -> Writes.create(backend, "session:a", bytes("a"), TTL))).isEqualTo(Map.of("PutItem", 1L));
        long version = backend.load("session:a").orElseThrow().version();
        assertThat(requestsOf(() -> backend.load("session:a"))).isEqualTo(Map.of("GetItem", 1L));
        assertThat(requestsOf(() -> backend.load("session:missing"))).isEqualTo(Map.of("GetItem", 1L));
        assertThat(requestsOf(() -> Writes.replace(backend, "session:a", bytes("b"), version, TTL)))
                .isEqualTo(Map.of("PutItem", 1L));
        assertThat(requestsOf(() -> Writes.replace(backend, "session:a", bytes("c"), version, TTL))).as("lost race")
                .isEqualTo(Map.of("PutItem", 1L));
        assertThat(requestsOf(() -> Writes.create(backend, "session:a", bytes("d"), TTL))).as("lost race")
                .isEqualTo(Map.of("PutItem", 1L));
        assertThat(requestsOf(() -> backend.touch("session:a", TTL))).isEqualTo(Map.of("UpdateItem", 1L));
        assertThat(requestsOf(() -> backend.loadAndTouch("session:a", TTL)))
                .isEqualTo(Map.of("GetItem", 1L, "UpdateItem", 1L));
        assertThat(requestsOf(() -> backend.loadAndTouch("session:missing", TTL))).isEqualTo(Map.of("GetItem", 1L));
        assertThat(requestsOf(() -> backend.delete("session:a"))).isEqualTo(Map.of("DeleteItem", 1L));
        assertThat(requestsOf(backend::countLive)).as("a small table is one page").isEqualTo(Map.of("Scan", 1L));
        assertThat(requestsOf(() -> backend.sweepExpired(100))).as("nothing expired").isEqualTo(Map.of("Scan", 1L));
    }

    @Test
    void aRecordOverTheItemLimitCostsNoRequest() {
        Map<String, Long> requests = requestsOf(() -> {
            try {
                Writes.create(backend, "session:huge", new byte[SessionItem.MAX_ITEM_BYTES], TTL);
            } catch (RuntimeException expected) {
                // refused before the call
            }
        });
        assertThat(requests).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
