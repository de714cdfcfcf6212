package io.github.session4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.DynamoDbSideDoor;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The backend against a DynamoDB endpoint, checked through a side door: a client of the test's own
 * that reads the table directly. The tests share one table of this class's own, each with keys of
 * its own, and the table is deleted at the end; the start-up tests make tables of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DynamoDbBackendContractTest {

    static final Duration TTL = Duration.ofMinutes(30);
    static final String PREFIX = "session:";

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final List<String> tables = new ArrayList<>();
    String table;
    DynamoDbClient client;
    DynamoDbSideDoor sideDoor;
    DynamoDbSessionInterface backend;

    /**
     * The endpoint under test; may abort the test (an assumption) when there is none.
     *
     * @return its URL
     */
    abstract String endpoint();

    /** The region to name. */
    abstract String region();

    @AfterAll
    void dropTables() {
        if (client != null) {
            for (String name : tables) {
                try {
                    client.deleteTable(b -> b.tableName(name));
                } catch (RuntimeException e) {
                    // already gone, or never created by a start-up test that failed on purpose
                }
            }
            client.close();
        }
    }

    @BeforeEach
    void openBackend() {
        String endpoint = endpoint();
        if (client == null) {
            client = DynamoDbSideDoor.client(endpoint, region());
            table = newTable();
        }
        sideDoor = new DynamoDbSideDoor(client, table, clock);
        backend = open(table, Map.of());
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    String newTable() {
        String name = TestTables.newName("backend");
        tables.add(name);
        return name;
    }

    DynamoDbSessionInterface open(String tableName, Map<String, String> extra) {
        SessionConfig config = SessionConfig.builder()
                .put("SESSION_TYPE", "dynamodb")
                .put("SESSION_DYNAMODB", endpoint())
                .put("SESSION_DYNAMODB_REGION", region())
                .put("SESSION_DYNAMODB_TABLE", tableName)
                .putAll(extra)
                .build();
        DynamoDbSessionInterfaceProvider provider = new DynamoDbSessionInterfaceProvider();
        return (DynamoDbSessionInterface) provider.create(BackendContext.validate(provider, config, clock));
    }

    static String key() {
        return PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesOneItemWithTheKeyTheBytesAsBinaryANumericVersionAndTheExpiryInEpochSeconds() {
        String key = key();
        Writes.create(backend, key, bytes("layout"), TTL);

        Map<String, AttributeValue> item = sideDoor.item(key).orElseThrow();
        assertThat(item.keySet()).containsExactlyInAnyOrder("id", "val", "version", "expiration");
        assertThat(item.get("id").s()).isEqualTo(key);
        assertThat(item.get("val").b().asByteArray()).isEqualTo(bytes("layout"));
        assertThat(Long.parseLong(item.get("version").n())).isPositive();
        assertThat(Long.parseLong(item.get("expiration").n())).as("whole seconds, rounded down")
                .isEqualTo(clock.instant().plus(TTL).getEpochSecond());
    }

    @Test
    void loadReturnsTheBytesTheVersionAndTheExpiry() {
        String key = key();
        assertThat(Writes.create(backend, key, bytes("one"), TTL)).isTrue();

        StoredRecord found = backend.load(key).orElseThrow();
        assertThat(found.data()).isEqualTo(bytes("one"));
        assertThat(found.version()).isEqualTo(Long.parseLong(sideDoor.item(key).orElseThrow().get("version").n()));
        assertThat(found.expiresAt()).isEqualTo(Instant.ofEpochSecond(clock.instant().plus(TTL).getEpochSecond()));
        assertThat(backend.load(key())).isEmpty();
    }

    @Test
    void anExpiredItemIsNeverReturnedThoughTheTableStillHoldsIt() {
        String key = key();
        Writes.create(backend, key, bytes("short"), Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertThat(backend.load(key)).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(backend.load(key)).isEmpty();
        assertThat(backend.loadAndTouch(key, TTL)).isEmpty();
        assertThat(sideDoor.exists(key)).as("DynamoDB's TTL deletes lazily: the item is still there").isTrue();
    }

    @Test
    void anItemPlantedWithAPastExpiryIsNotServed() {
        String key = key();
        sideDoor.put(key, bytes("planted"), 7, clock.instant().getEpochSecond());

        assertThat(backend.load(key)).as("an expiration of this very second has passed").isEmpty();
        assertThat(Writes.replace(backend, key, bytes("x"), 7, TTL)).isFalse();
        backend.touch(key, TTL);
        assertThat(sideDoor.item(key).orElseThrow().get("expiration").n())
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
    }

    @Test
    void createOnALiveKeyLosesAndOverAnExpiredItemWins() {
        String key = key();
        Writes.create(backend, key, bytes("first"), TTL);
        assertThat(Writes.create(backend, key, bytes("second"), TTL)).isFalse();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(bytes("first"));

        clock.advance(TTL);
        assertThat(Writes.create(backend, key, bytes("successor"), TTL)).isTrue();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(bytes("successor"));
    }

    @Test
    void replaceNeedsTheLoadedVersionOfALiveItemAndNeverCreatesOne() {
        String key = key();
        Writes.create(backend, key, bytes("v1"), TTL);
        long version = backend.load(key).orElseThrow().version();

        assertThat(Writes.replace(backend, key, bytes("v2"), version, TTL)).isTrue();
        assertThat(Writes.replace(backend, key, bytes("stale"), version, TTL)).isFalse();
        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(bytes("v2"));
        assertThat(after.version()).isEqualTo(version + 1);

        clock.advance(TTL);
        assertThat(Writes.replace(backend, key, bytes("late"), after.version(), TTL)).isFalse();
        assertThat(sideDoor.read(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v2")));
        String missing = key();
        assertThat(Writes.replace(backend, missing, bytes("x"), version, TTL)).isFalse();
        assertThat(sideDoor.exists(missing)).isFalse();
    }

    @Test
    void touchMovesTheExpiryAloneAndNeverRevivesOrCreates() {
        String key = key();
        Writes.create(backend, key, bytes("data"), TTL);
        StoredRecord before = backend.load(key).orElseThrow();
        clock.advance(Duration.ofMinutes(10));

        backend.touch(key, TTL);

        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(before.data());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.expiresAt()).isEqualTo(Instant.ofEpochSecond(clock.instant().plus(TTL).getEpochSecond()));

        clock.advance(TTL);
        backend.touch(key, TTL);
        assertThat(backend.load(key)).isEmpty();
        String missing = key();
        backend.touch(missing, TTL);
        assertThat(sideDoor.exists(missing)).isFalse();
    }

    @Test
    void loadAndTouchReportsTheNewExpiry() {
        String key = key();
        Writes.create(backend, key, bytes("data"), Duration.ofMinutes(5));

        StoredRecord found = backend.loadAndTouch(key, TTL).orElseThrow();

        long expected = clock.instant().plus(TTL).getEpochSecond();
        assertThat(found.expiresAt()).isEqualTo(Instant.ofEpochSecond(expected));
        assertThat(sideDoor.item(key).orElseThrow().get("expiration").n()).isEqualTo(Long.toString(expected));
    }

    @Test
    void deleteRemovesTheItemAndAMissingKeyIsNoError() {
        String key = key();
        Writes.create(backend, key, bytes("data"), TTL);

        backend.delete(key);
        backend.delete(key);

        assertThat(sideDoor.exists(key)).isFalse();
        assertThat(Writes.create(backend, key, bytes("again"), TTL)).isTrue();
    }

    @Test
    void anItemOverDynamoDbsLimitIsRefusedBeforeTheCallAndNothingIsWritten() {
        String key = key();
        byte[] huge = new byte[SessionItem.MAX_ITEM_BYTES];

        assertThatThrownBy(() -> Writes.create(backend, key, huge, TTL))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("its record of 409600 bytes makes an item of about")
                .hasMessageContaining("over DynamoDB's limit of 409600 bytes (400 KB) per item; nothing was sent or"
                        + " written. Keep less in the session, or set SESSION_MAX_SIZE to 399KB or less")
                .hasMessageNotContaining(key);
        assertThat(sideDoor.exists(key)).isFalse();

        byte[] fits = new byte[399 * 1024];
        assertThat(Writes.create(backend, key, fits, TTL)).as("a record of SESSION_MAX_SIZE=399KB fits").isTrue();
        assertThat(sideDoor.read(key)).hasValueSatisfying(v -> assertThat(v).hasSize(fits.length));
    }

    @Test
    void countLiveAndTheSweeperSeeOnlyThePrefixAndTheExpiry() {
        String own = "sweep" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ":";
        backend.close();
        backend = open(table, Map.of("SESSION_KEY_PREFIX", own));
        String live = own + "live";
        Writes.create(backend, live, bytes("live"), TTL);
        for (int i = 0; i < 3; i++) {
            Writes.create(backend, own + "expiring" + i, bytes("expiring"), Duration.ofMinutes(1));
        }
        String otherApp = "other" + own + "x";
        Writes.create(backend, otherApp, bytes("other app"), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));

        assertThat(backend.countLive()).isEqualTo(1);
        assertThat(backend.sweepExpired(2)).isEqualTo(2);
        assertThat(backend.sweepExpired(10)).isEqualTo(1);
        assertThat(backend.sweepExpired(10)).isZero();
        assertThat(sideDoor.exists(live)).isTrue();
        assertThat(sideDoor.exists(otherApp)).as("another prefix's expired item").isTrue();
        assertThat(sideDoor.keys(own)).containsExactly(live);
    }

    @Test
    void concurrentCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
        String key = key();
        assertThat(race(8, i -> Writes.create(backend, key, bytes("writer " + i), TTL))).containsOnlyOnce(true);
    }

    @Test
    void concurrentReplacesOfOneVersionHaveExactlyOneWinner() throws Exception {
        String key = key();
        Writes.create(backend, key, bytes("v1"), TTL);
        long version = backend.load(key).orElseThrow().version();

        assertThat(race(8, i -> Writes.replace(backend, key, bytes("writer " + i), version, TTL))).containsOnlyOnce(true);
    }

    @Test
    void startUpCreatesAnOnDemandTableKeyedOnIdWithItsTtlWhereTheEndpointHasOne() {
        var description = client.describeTable(b -> b.tableName(table)).table();

        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("id");
            assertThat(k.keyTypeAsString()).isEqualTo("HASH");
        });
        assertThat(description.attributeDefinitions()).singleElement()
                .satisfies(a -> assertThat(a.attributeType()).isEqualTo(ScalarAttributeType.S));
        assertTtlAfterCreation(client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription());
    }

    /** What the endpoint reports about the TTL of a table that start-up created. */
    abstract void assertTtlAfterCreation(software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription ttl);

    @Test
    void startUpWithoutCreatingRefusesAMissingTableAndSaysHowToCreateIt() {
        String missing = newTable();

        assertThatThrownBy(() -> open(missing, Map.of("SESSION_DYNAMODB_CREATE_TABLE", "false")))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageStartingWith("DynamoDB has no table " + missing + " at " + endpoint())
                .hasMessageEndingWith(" and SESSION_DYNAMODB_CREATE_TABLE is false. Create it: aws dynamodb create-table"
                        + " --table-name " + missing + " --attribute-definitions AttributeName=id,AttributeType=S"
                        + " --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST, then aws dynamodb"
                        + " update-time-to-live --table-name " + missing + " --time-to-live-specification"
                        + " Enabled=true,AttributeName=expiration; or set SESSION_DYNAMODB_CREATE_TABLE=true");
        assertThat(client.listTables().tableNames()).doesNotContain(missing);
    }

    @Test
    void startUpRefusesATableWithAnotherKeySchema() {
        String other = newTable();
        client.createTable(b -> b.tableName(other).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(attribute("sid", ScalarAttributeType.S), attribute("n", ScalarAttributeType.N))
                .keySchema(key("sid", KeyType.HASH), key("n", KeyType.RANGE)));

        assertThatThrownBy(() -> open(other, Map.of()))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageContaining("has the key schema [sid HASH S, n RANGE N] but session items need a partition key"
                        + " 'id' of type S and no sort key. Name another table in SESSION_DYNAMODB_TABLE");
    }

    @Test
    void startUpWithoutCreatingRefusesATableWithoutTtlUnlessTheCoreSweeps() {
        String plain = newTable();
        createFittingTableWithoutTtl(plain);

        assertThatThrownBy(() -> open(plain, Map.of("SESSION_DYNAMODB_CREATE_TABLE", "false")))
                .isInstanceOf(SessionBackendException.class)
                .hasMessageEndingWith(" has its TTL DISABLED, so expired sessions would never be deleted. Enable it:"
                        + " aws dynamodb update-time-to-live --table-name " + plain + " --time-to-live-specification"
                        + " Enabled=true,AttributeName=expiration; or set SESSION_DYNAMODB_CREATE_TABLE=true to let"
                        + " start-up enable it, or set SESSION_CLEANUP_N_REQUESTS so that the core sweeps expired items"
                        + " itself");

        try (DynamoDbSessionInterface sweeping = open(plain, Map.of("SESSION_DYNAMODB_CREATE_TABLE", "false",
                "SESSION_CLEANUP_N_REQUESTS", "1000"))) {
            String key = key();
            assertThat(Writes.create(sweeping, key, bytes("kept"), TTL)).isTrue();
            assertThat(sweeping.load(key)).isPresent();
        }
    }

    void createFittingTableWithoutTtl(String name) {
        client.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(attribute("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH)));
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
    }

    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** A write of one racing writer. */
    interface Writer {
        boolean write(int writer);
    }

    static List<Boolean> race(int writers, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int index = i;
                Callable<Boolean> task = () -> {
                    start.await();
                    return writer.write(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
