package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.MongoTestDatabase;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The backend against a MongoDB server, checked through a side door: a client of the test's own
 * that reads the collection directly ({@link MongoBackendFixture}).
 */
abstract class MongoBackendContractTest extends MongoBackendFixture {

    @Test
    void createThenLoadReturnsTheBytesAVersionAndTheExpiry() {
        String key = key();
        assertThat(Writes.create(backend, key, bytes("one"), TTL)).isTrue();

        StoredRecord found = backend.load(key).orElseThrow();
        assertThat(found.data()).isEqualTo(bytes("one"));
        assertThat(found.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        assertThat(backend.load(key()).isPresent()).isFalse();
    }

    @Test
    void storesOneDocumentWithTheKeyAsIdTheBytesAsBinaryALongVersionAndADate() {
        String key = key();
        Writes.create(backend, key, bytes("layout"), TTL);

        BsonDocument document = storedDocument(key).orElseThrow();
        assertThat(document.keySet()).containsExactly("_id", "data", "version", "expiresAt");
        assertThat(document.getString("_id").getValue()).isEqualTo(key);
        assertThat(document.getBinary("data").getData()).isEqualTo(bytes("layout"));
        assertThat(document.get("version").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(document.getDateTime("expiresAt").getValue()).isEqualTo(clock.instant().plus(TTL).toEpochMilli());
    }

    @Test
    void createOnALiveKeyLosesAndLeavesTheRecordAlone() {
        String key = key();
        Writes.create(backend, key, bytes("first"), TTL);

        assertThat(Writes.create(backend, key, bytes("second"), TTL)).isFalse();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(bytes("first"));
    }

    @Test
    void createOnAnExpiredDocumentTheServerStillHoldsReplacesIt() {
        String key = key();
        Writes.create(backend, key, bytes("old"), TTL);
        clock.advance(TTL);

        assertThat(Writes.create(backend, key, bytes("new"), TTL)).isTrue();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(bytes("new"));
        assertThat(stored().countDocuments(Filters.eq("_id", key))).isEqualTo(1);
    }

    @Test
    void anExpiredDocumentIsNeverReturnedThoughTheServerStillHoldsIt() {
        String key = key();
        Writes.create(backend, key, bytes("short"), Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(backend.load(key)).isPresent();

        clock.advance(Duration.ofMillis(1));
        assertThat(backend.load(key)).isEmpty();
        assertThat(storedDocument(key)).as("the server still holds the expired document").isPresent();
    }

    @Test
    void replaceWinsWithTheLoadedVersionAndChangesTheVersion() {
        String key = key();
        Writes.create(backend, key, bytes("v1"), TTL);
        StoredRecord loaded = backend.load(key).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        assertThat(Writes.replace(backend, key, bytes("v2"), loaded.version(), TTL)).isTrue();

        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(bytes("v2"));
        assertThat(after.version()).isNotEqualTo(loaded.version());
        assertThat(after.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    }

    @Test
    void replaceLosesWithAStaleVersion() {
        String key = key();
        Writes.create(backend, key, bytes("v1"), TTL);
        StoredRecord loaded = backend.load(key).orElseThrow();
        assertThat(Writes.replace(backend, key, bytes("v2"), loaded.version(), TTL)).isTrue();

        assertThat(Writes.replace(backend, key, bytes("stale"), loaded.version(), TTL)).isFalse();
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(bytes("v2"));
    }

    @Test
    void replaceLosesOnAnExpiredOrMissingRecordAndCreatesNothing() {
        String key = key();
        Writes.create(backend, key, bytes("v1"), TTL);
        long version = backend.load(key).orElseThrow().version();
        clock.advance(TTL);

        assertThat(Writes.replace(backend, key, bytes("late"), version, TTL)).isFalse();
        assertThat(storedDocument(key).orElseThrow().getBinary("data").getData()).isEqualTo(bytes("v1"));
        String missing = key();
        assertThat(Writes.replace(backend, missing, bytes("x"), version, TTL)).isFalse();
        assertThat(storedDocument(missing)).isEmpty();
    }

    @Test
    void touchMovesTheExpiryAloneAndNeverRevivesAnExpiredRecord() {
        String key = key();
        Writes.create(backend, key, bytes("data"), TTL);
        StoredRecord before = backend.load(key).orElseThrow();
        clock.advance(Duration.ofMinutes(10));

        backend.touch(key, TTL);

        StoredRecord after = backend.load(key).orElseThrow();
        assertThat(after.data()).isEqualTo(before.data());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.expiresAt()).isEqualTo(clock.instant().plus(TTL));

        clock.advance(TTL);
        backend.touch(key, TTL);
        assertThat(backend.load(key)).isEmpty();
        String missing = key();
        backend.touch(missing, TTL);
        assertThat(storedDocument(missing)).isEmpty();
    }

    @Test
    void deleteRemovesTheDocumentAndAMissingKeyIsNoError() {
        String key = key();
        Writes.create(backend, key, bytes("data"), TTL);

        backend.delete(key);
        backend.delete(key);

        assertThat(storedDocument(key)).isEmpty();
        assertThat(backend.load(key)).isEmpty();
        assertThat(Writes.create(backend, key, bytes("again"), TTL)).isTrue();
    }

    @Test
    void countLiveCountsOnlyLiveDocumentsUnderThePrefix() {
        Writes.create(backend, key(), bytes("a"), TTL);
        Writes.create(backend, key(), bytes("b"), TTL);
        Writes.create(backend, key(), bytes("short"), Duration.ofMinutes(1));
        Writes.create(backend, "other:" + key(), bytes("other app"), TTL);
        Writes.create(backend, "session.x", bytes("a regex would match this if the prefix were not quoted"), TTL);
        clock.advance(Duration.ofMinutes(1));

        assertThat(backend.countLive()).isEqualTo(2);
    }

    @Test
    void theSweeperDeletesOnlyExpiredDocumentsUnderThePrefixAndNoMoreThanAsked() {
        String live = key();
        Writes.create(backend, live, bytes("live"), TTL);
        for (int i = 0; i < 3; i++) {
            Writes.create(backend, key(), bytes("expiring " + i), Duration.ofMinutes(1));
        }
        String otherApp = "other:" + key();
        Writes.create(backend, otherApp, bytes("other app"), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));

        assertThat(backend.sweepExpired(2)).isEqualTo(2);
        assertThat(backend.sweepExpired(10)).isEqualTo(1);
        assertThat(backend.sweepExpired(10)).isZero();
        assertThat(storedDocument(live)).isPresent();
        assertThat(storedDocument(otherApp)).as("another prefix's expired document").isPresent();
        assertThat(stored().countDocuments()).isEqualTo(2);
    }

    @Test
    void startUpCreatesTheTtlIndexOnTheExpiry() {
        List<BsonDocument> indexes = stored().listIndexes(BsonDocument.class).into(new ArrayList<>());

        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getDocument("key")).isEqualTo(BsonDocument.parse("{expiresAt: 1}"));
            assertThat(index.getNumber("expireAfterSeconds").longValue()).isZero();
        });
    }

    @Test
    void startUpLeavesIndexesAloneWhenToldTo() {
        backend.close();
        useNewCollection();
        backend = open(Map.of("SESSION_MONGODB_CREATE_INDEXES", "false"));
        Writes.create(backend, key(), bytes("data"), TTL);

        List<BsonDocument> indexes = stored().listIndexes(BsonDocument.class).into(new ArrayList<>());
        assertThat(indexes).noneSatisfy(index -> assertThat(index.getDocument("key").containsKey("expiresAt")).isTrue());
    }

    @Test
    void concurrentCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
        String key = key();
        List<Boolean> results = race(8, i -> Writes.create(backend, key, bytes("writer " + i), TTL));

        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void concurrentReplacesOfOneVersionHaveExactlyOneWinner() throws Exception {
        String key = key();
        Writes.create(backend, key, bytes("v1"), TTL);
        long version = backend.load(key).orElseThrow().version();

        List<Boolean> results = race(8, i -> Writes.replace(backend, key, bytes("writer " + i), version, TTL));

        assertThat(results).containsOnlyOnce(true);
    }

    /** A write of one racing writer. */
    interface Writer {
        boolean write(int writer);
    }

    private static List<Boolean> race(int writers, Writer writer) throws Exception {
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
