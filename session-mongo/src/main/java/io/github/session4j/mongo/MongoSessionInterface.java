package io.github.session4j.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Sorts;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * Sessions in a MongoDB collection, one document per session (layout in {@link SessionDocument}),
 * each operation one command:
 * <ul>
 *   <li>load: {@code find} by {@code _id} and {@code expiresAt > now};</li>
 *   <li>create: {@code insert}; a duplicate key means another writer got there first, unless the
 *       document there has expired, which one conditional {@code update} then replaces;</li>
 *   <li>replace: {@code update} ({@code $set} of the bytes, the version and the expiry, and of
 *       the principal field when the index changes) filtered on {@code _id}, the expected
 *       version and {@code expiresAt > now};</li>
 *   <li>touch: {@code update} of {@code expiresAt} alone, on a live document;</li>
 *   <li>delete: {@code delete} by {@code _id};</li>
 *   <li>count: {@code aggregate} (countDocuments) over live documents under the key prefix;</li>
 *   <li>sweep (only needed without a TTL index): a {@code find} of expired ids, then one
 *       {@code delete}.</li>
 *   <li>the principal index ({@link PrincipalIndex}): a {@code principal} field in the session's
 *       own document, holding the core's principal key (a hash, never the user's name), set or
 *       removed by the same {@code insert} or {@code update} as the write, so it changes only when
 *       the write wins; listed with one {@code find} on the partial index
 *       {@code {principal: 1, _id: 1}}.</li>
 * </ul>
 *
 * <p>"Now" always comes from the configured clock; the TTL index removes expired documents
 * eventually (within about a minute on MongoDB), the filters make sure none is ever returned or
 * changed before that. {@link #loadAndTouch} stays the default (load, then touch): MongoDB could
 * do it in one {@code findAndModify}, but that is a write on every read, so the core instead
 * touches only when a refresh is due, which it tells from {@link StoredRecord#expiresAt()}.
 *
 * <p>Thread-safe: the driver's client is, and every operation is a single atomic command.
 */
public final class MongoSessionInterface implements SessionInterface, SessionCounter, ExpirySweeper, PrincipalIndex {

    /**
     * New documents start at a random version below this bound, so that a key deleted and created
     * again does not reuse a version a stale writer could still hold, and increments never wrap.
     */
    private static final long VERSION_BOUND = 1L << 62;

    private final MongoClient client;
    private final MongoCollection<BsonDocument> collection;
    private final MongoSettings settings;
    private final MongoFailures failures;
    private final MongoWriteFence fence;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wraps an open client; {@link MongoConnector#open} builds it.
     *
     * @param client the driver's client, closed by {@link #close()}
     * @param collection the collection of session documents
     * @param settings the validated settings
     * @param failures the translator of the driver's exceptions
     * @param fence the write fence of replaces, closed by {@link #close()}
     * @param clock the clock of every expiry decision
     */
    MongoSessionInterface(MongoClient client, MongoCollection<BsonDocument> collection, MongoSettings settings,
                          MongoFailures failures, MongoWriteFence fence, Clock clock) {
        this.client = client;
        this.collection = collection;
        this.settings = settings;
        this.failures = failures;
        this.fence = fence;
        this.clock = clock;
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        Instant now = now();
        BsonDocument found = run("load a session", () -> collection.find(SessionDocument.live(key, now)).first());
        return Optional.ofNullable(found).map(SessionDocument::toRecord);
    }

    /**
     * One command per write: an {@code insertOne} for a create (a second, {@code replaceOne}, when
     * it finds an expired document of its key), an {@code updateOne} that matches the expected
     * version for a replace and, unless {@code SESSION_MONGODB_WRITE_FENCE=false}, a server clock
     * ({@code $$NOW}) not past the save's deadline ({@link MongoWriteFence}). A new document starts
     * at a random version, a replaced one is at one more than the expected version; either is
     * reported. The write's index change is part of that command (the {@code principal} field of
     * the document), so it is applied exactly when the write wins.
     *
     * @throws UnsupportedOperationException for an append: this backend has no
     *     {@link io.github.session4j.spi.RecordAppender}
     */
    @Override
    public WriteResult write(RecordWrite write) {
        return write.match(create -> {
                    long version = ThreadLocalRandom.current().nextLong(1, VERSION_BOUND);
                    return WriteResult.of(createRecord(create.key(), create.record(), version, create.ttl(),
                            create.index()), version);
                },
                replace -> WriteResult.of(replaceRecord(replace.key(), replace.record(), replace.expectedVersion(),
                        replace.ttl(), replace.index()), replace.expectedVersion() + 1),
                append -> {
                    throw append.unsupported("mongodb");
                });
    }

    private boolean createRecord(String key, byte[] record, long version, Duration ttl, IndexChange index) {
        Instant now = now();
        BsonDocument document = SessionDocument.created(key, record, version, expiry(now, ttl), index);
        return run("create a session", () -> {
            try {
                collection.insertOne(document);
                return true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // the key is taken: by a live session (a lost race) or by one the TTL monitor has not removed yet
                return collection.replaceOne(SessionDocument.expired(key, now), document).getMatchedCount() == 1;
            }
        });
    }

    private boolean replaceRecord(String key, byte[] record, long expectedVersion, Duration ttl, IndexChange index) {
        Instant now = now();
        Bson update = SessionDocument.replaced(record, expectedVersion + 1, expiry(now, ttl), index);
        // fenced: a save the server runs after this client gave up on it matches nothing
        return run("save a session", () -> collection.updateOne(
                fence.guard(SessionDocument.liveVersion(key, expectedVersion, now)), update).getMatchedCount() == 1);
    }

    @Override
    public void delete(String key) {
        run("delete a session", () -> collection.deleteOne(Filters.eq(SessionDocument.ID, key)));
    }

    @Override
    public void touch(String key, Duration ttl) {
        Instant now = now();
        run("refresh the expiry of a session", () -> collection.updateOne(SessionDocument.live(key, now),
                Updates.set(SessionDocument.EXPIRES_AT, SessionDocument.date(expiry(now, ttl)))));
    }

    /**
     * Deletes up to {@code maxRecords} expired documents under the key prefix, in two commands (a
     * {@code find} of their ids, then one {@code delete} that checks the expiry again). Needed only
     * where no TTL index removes them: with {@code SESSION_MONGODB_CREATE_INDEXES=false} and no
     * index made by hand, or on a MongoDB-compatible server without a TTL monitor.
     *
     * @param maxRecords the upper bound of documents to delete, positive
     * @return how many documents were deleted
     * @throws IllegalArgumentException if {@code maxRecords} is not positive
     */
    @Override
    public int sweepExpired(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive but was " + maxRecords);
        }
        Instant now = now();
        return run("delete expired sessions", () -> {
            List<BsonValue> ids = collection.find(SessionDocument.expiredUnder(settings.keyPrefix(), now))
                    .projection(Projections.include(SessionDocument.ID)).limit(maxRecords)
                    .map(document -> document.get(SessionDocument.ID)).into(new ArrayList<>());
            if (ids.isEmpty()) {
                return 0;
            }
            return (int) collection.deleteMany(Filters.and(Filters.in(SessionDocument.ID, ids),
                    Filters.lte(SessionDocument.EXPIRES_AT, Date.from(now)))).getDeletedCount();
        });
    }

    /**
     * One {@code find} on the partial index {@code {principal: 1, _id: 1}}: the live, non-empty
     * documents under this backend's key prefix whose {@code principal} is {@code principalKey}
     * and whose key comes after {@code after}, sorted by key, at most {@code limit}. It never
     * lists an expired document (though the server may still hold it) nor a tombstone.
     */
    @Override
    public List<String> indexedKeys(String principalKey, String after, int limit) {
        Objects.requireNonNull(principalKey, "principalKey");
        if (limit < 1 || limit > PrincipalIndex.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1 to " + PrincipalIndex.MAX_PAGE_SIZE + " but was " + limit);
        }
        Instant now = now();
        return run("list the sessions of a user", () -> collection
                .find(SessionDocument.indexed(settings.keyPrefix(), principalKey, after, now))
                .projection(Projections.include(SessionDocument.ID)).sort(Sorts.ascending(SessionDocument.ID))
                .limit(limit).map(document -> document.getString(SessionDocument.ID).getValue())
                .into(new ArrayList<>()));
    }

    /**
     * One {@code update} of many: removes the {@code principal} field of the documents of
     * {@code keys} that are indexed under {@code principalKey}; their records are left as they are.
     * No command when {@code keys} is empty.
     */
    @Override
    public void unindex(String principalKey, Collection<String> keys) {
        Objects.requireNonNull(principalKey, "principalKey");
        if (keys.isEmpty()) {
            return;
        }
        now();
        List<String> ids = List.copyOf(keys);
        run("take sessions out of the index of a user", () -> collection.updateMany(
                Filters.and(Filters.in(SessionDocument.ID, ids), Filters.eq(SessionDocument.PRINCIPAL, principalKey)),
                Updates.unset(SessionDocument.PRINCIPAL)));
    }

    /**
     * One {@code delete} by {@code _id}: the index entry is a field of the session's own document,
     * so it goes with the document.
     */
    @Override
    public void deleteIndexed(String key, String principalKey) {
        Objects.requireNonNull(principalKey, "principalKey");
        delete(key);
    }

    @Override
    public long countLive() {
        Instant now = now();
        return run("count the live sessions",
                () -> collection.countDocuments(SessionDocument.liveUnder(settings.keyPrefix(), now)));
    }

    /**
     * Closes the driver's client and its connections. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            fence.close();
            client.close();
        }
    }

    @Override
    public String toString() {
        return "MongoSessionInterface[" + settings.describe() + "]";
    }

    /**
     * This backend's capabilities, and {@link RecordScanner} ({@link MongoRecordScanner}).
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == RecordScanner.class) {
            return Optional.of(type.cast(new MongoRecordScanner(collection, failures, clock, settings.keyPrefix())));
        }
        return SessionInterface.super.capability(type);
    }

    private Instant now() {
        if (closed.get()) {
            throw new IllegalStateException("The MongoDB session backend for " + settings.describe()
                    + " is closed; create a new one");
        }
        return clock.instant();
    }

    private static Instant expiry(Instant now, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive but was " + ttl);
        }
        return now.plus(ttl);
    }

    private <T> T run(String operation, Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            throw MongoFailures.isDriverFailure(e) ? failures.of(operation, e) : e;
        }
    }
}
