package io.github.session4j.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.MongoTestDatabase;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A backend against a MongoDB server, with a side door: a client of the test's own that reads the
 * collection directly. Each test gets a collection of its own in a database of the test class's
 * own, dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MongoBackendFixture {

    static final Duration TTL = Duration.ofMinutes(30);
    static final String PREFIX = "session:";

    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    MongoTestDatabase database;
    String collection;
    MongoSessionInterface backend;

    /**
     * The server under test; may abort the test (an assumption) when there is none.
     *
     * @return its connection string
     */
    abstract String connectionString();

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void openBackend() {
        String uri = connectionString();
        if (database == null) {
            database = new MongoTestDatabase(uri);
        }
        useNewCollection();
        backend = open(Map.of());
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    void useNewCollection() {
        collection = "sessions_" + COLLECTIONS.incrementAndGet();
    }

    MongoSessionInterface open(Map<String, String> extra) {
        return (MongoSessionInterface) openAny(extra);
    }

    SessionInterface openAny(Map<String, String> extra) {
        SessionConfig config = SessionConfig.builder()
                .put("SESSION_TYPE", "mongodb")
                .put("SESSION_MONGODB", connectionString())
                .put("SESSION_MONGODB_DB", database.name())
                .put("SESSION_MONGODB_COLLECT", collection)
                .put("SESSION_MONGODB_TIMEOUT", "5s")
                .putAll(extra)
                .build();
        return new MongoSessionInterfaceProvider().create(BackendContext.validate(new MongoSessionInterfaceProvider(), config, clock));
    }

    MongoCollection<BsonDocument> stored() {
        return database.collection(collection);
    }

    Optional<BsonDocument> storedDocument(String key) {
        return Optional.ofNullable(stored().find(Filters.eq("_id", key)).first());
    }

    static String key() {
        return PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
