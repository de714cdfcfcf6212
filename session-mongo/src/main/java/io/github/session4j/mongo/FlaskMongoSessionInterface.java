package io.github.session4j.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * The MongoDB backend under {@code SESSION_RECORD_FORMAT=flask-session}: Flask-Session 0.8's
 * documents {@code {id: key, val: BinData, expiration: date}} in {@code SESSION_MONGODB_DB} /
 * {@code SESSION_MONGODB_COLLECT}, with a TTL index on {@code expiration}.
 *
 * <p>The version of a record is {@link FlaskRecordStore#versionOf} of {@code val}. A replace is one
 * {@code updateOne} whose filter holds the {@code val} this instance last read under that version
 * (kept per key in memory until the write); when this instance holds no such bytes, the replace is
 * a lost race and the core reloads and retries. The core's tombstone deletes the document under the
 * same filter. A Flask write stays a blind upsert. No message names a key: it holds the raw ID.
 */
final class FlaskMongoSessionInterface implements SessionInterface, FlaskRecordStore {

    /** Last-read values kept at most, across keys; over it they are dropped (a write then reloads once). */
    static final int MAX_KEPT = 10_000;

    private final MongoClient client;
    private final MongoCollection<BsonDocument> collection;
    private final MongoFailures failures;
    private final Clock clock;
    private final Map<String, byte[]> lastRead = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private FlaskMongoSessionInterface(MongoClient client, MongoCollection<BsonDocument> collection, MongoFailures failures,
            Clock clock) {
        this.client = client;
        this.collection = collection;
        this.failures = failures;
        this.clock = clock;
    }

    static FlaskMongoSessionInterface open(MongoSettings settings, Clock clock) {
        MongoClient client = MongoClients.create(MongoConnector.clientSettings(settings));
        try {
            MongoFailures failures = new MongoFailures(settings);
            MongoCollection<BsonDocument> collection = client.getDatabase(settings.database())
                    .getCollection(settings.collection(), BsonDocument.class);
            FlaskMongoSessionInterface backend = new FlaskMongoSessionInterface(client, collection, failures, clock);
            if (settings.createIndexes()) {
                backend.call("create the TTL index on expiration", () -> collection.createIndex(Indexes.ascending("expiration"),
                        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)));
            }
            return backend;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        Instant now = clock.instant();
        BsonDocument doc = call("find a flask-session document",
                () -> collection.find(Filters.and(Filters.eq("id", key), Filters.gt("expiration", Date.from(now)))).first());
        if (doc == null || !doc.isBinary("val")) {
            lastRead.remove(key);
            return Optional.empty();
        }
        byte[] val = doc.getBinary("val").getData();
        if (lastRead.size() >= MAX_KEPT) {
            lastRead.clear();
        }
        lastRead.put(key, val);
        BsonValue expiration = doc.get("expiration");
        Instant expiresAt = expiration != null && expiration.isDateTime()
                ? Instant.ofEpochMilli(expiration.asDateTime().getValue()) : null;
        return Optional.of(new StoredRecord(val, FlaskRecordStore.versionOf(val), expiresAt));
    }

    @Override
    public WriteResult write(RecordWrite write) {
        RecordWrite.requireNoIndexChange(write, "mongodb");
        return write.match(create -> {
            Instant now = clock.instant();
            Date expiration = Date.from(now.plus(positive(create.ttl())));
            UpdateResult result = call("insert a flask-session document", () -> collection.updateOne(
                    Filters.eq("id", create.key()),
                    Updates.combine(Updates.setOnInsert("id", create.key()), Updates.setOnInsert("val", new BsonBinary(create.record())),
                            Updates.setOnInsert("expiration", expiration)), new UpdateOptions().upsert(true)));
            if (result.getUpsertedId() != null) {
                return WriteResult.written(FlaskRecordStore.versionOf(create.record()));
            }
            UpdateResult takeover = call("take over an expired flask-session document", () -> collection.updateOne(
                    Filters.and(Filters.eq("id", create.key()), Filters.lte("expiration", Date.from(now))),
                    Updates.combine(Updates.set("val", new BsonBinary(create.record())), Updates.set("expiration", expiration))));
            return WriteResult.of(takeover.getModifiedCount() == 1, FlaskRecordStore.versionOf(create.record()));
        }, replace -> {
            byte[] expected = lastRead.remove(replace.key());
            if (expected == null || FlaskRecordStore.versionOf(expected) != replace.expectedVersion()) {
                return WriteResult.lostRace(); // the core reloads, which keeps the bytes to compare with
            }
            Instant now = clock.instant();
            Bson filter = Filters.and(Filters.eq("id", replace.key()), Filters.eq("val", new BsonBinary(expected)),
                    Filters.gt("expiration", Date.from(now)));
            if (replace.record().length == 0) {
                long deleted = call("delete a flask-session document", () -> collection.deleteOne(filter).getDeletedCount());
                return WriteResult.of(deleted == 1, FlaskRecordStore.versionOf(replace.record()));
            }
            Date expiration = Date.from(now.plus(positive(replace.ttl())));
            UpdateResult result = call("replace a flask-session document", () -> collection.updateOne(filter,
                    Updates.combine(Updates.set("val", new BsonBinary(replace.record())), Updates.set("expiration", expiration))));
            return WriteResult.of(result.getMatchedCount() == 1, FlaskRecordStore.versionOf(replace.record()));
        }, append -> {
            throw append.unsupported("mongodb (SESSION_RECORD_FORMAT=flask-session)");
        });
    }

    @Override
    public void delete(String key) {
        lastRead.remove(key);
        call("delete a flask-session document", () -> collection.deleteMany(Filters.eq("id", key)));
    }

    @Override
    public void touch(String key, Duration ttl) {
        Instant now = clock.instant();
        Date expiration = Date.from(now.plus(positive(ttl)));
        call("refresh the expiration of a flask-session document", () -> collection.updateOne(
                Filters.and(Filters.eq("id", key), Filters.gt("expiration", Date.from(now))), Updates.set("expiration", expiration)));
    }

    private static Duration positive(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a TTL must be positive, was " + ttl);
        }
        return ttl;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    private <T> T call(String what, Supplier<T> action) {
        if (closed.get()) {
            throw new SessionBackendException("MongoDB " + what + " refused: this backend was closed");
        }
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw MongoFailures.isDriverFailure(e) ? failures.of(what, e) : e;
        }
    }

    @Override
    public String toString() {
        return "FlaskMongoSessionInterface[" + collection.getNamespace() + "]";
    }
}
