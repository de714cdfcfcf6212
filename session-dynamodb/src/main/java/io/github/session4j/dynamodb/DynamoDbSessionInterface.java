package io.github.session4j.dynamodb;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Sessions in a DynamoDB table, one item per session (layout in {@link SessionItem}), each
 * operation one request:
 * <ul>
 *   <li>load: {@code GetItem} with a strongly consistent read; an item whose {@code expiration} has
 *       passed is not returned, though DynamoDB's TTL may not have deleted it yet;</li>
 *   <li>create: {@code PutItem} on condition that no live item is there
 *       ({@code attribute_not_exists(id) OR expiration <= :now}), so an expired item is replaced;</li>
 *   <li>replace: {@code PutItem} on condition that the item is live and still has the expected
 *       version;</li>
 *   <li>touch: {@code UpdateItem} of {@code expiration} alone, on condition that the item is live,
 *       so it never revives or creates one;</li>
 *   <li>delete: {@code DeleteItem};</li>
 *   <li>count and sweep (for an endpoint without TTL, such as dynalite): a {@code Scan} of the
 *       table; the sweep then deletes each expired item on condition that it is still expired.</li>
 * </ul>
 *
 * <p>"Now" always comes from the configured clock. A refused condition is a lost race, never an
 * error. {@link #loadAndTouch} is a {@code GetItem} and, for a live item, an {@code UpdateItem}:
 * DynamoDB could read and refresh in one {@code UpdateItem}, but that is a write, billed for the
 * whole item, on every read; {@link #refreshesInLoad()} is therefore false, and the core touches only
 * when a refresh is due, which it tells from {@link StoredRecord#expiresAt()}.
 *
 * <p>Thread-safe: the SDK's client is, and every operation is a single atomic request.
 */
public final class DynamoDbSessionInterface implements SessionInterface, SessionCounter, ExpirySweeper {

    /**
     * New items start at a random version below this bound, so that a key deleted and created again
     * does not reuse a version a stale writer could still hold, and increments never wrap.
     */
    private static final long VERSION_BOUND = 1L << 62;

    private static final Map<String, String> NAMES = Map.of("#id", SessionItem.ID, "#val", SessionItem.VAL,
            "#version", SessionItem.VERSION, "#expiration", SessionItem.EXPIRATION);
    private static final String LIVE = "attribute_exists(#id) AND #expiration > :now";
    private static final String FREE = "attribute_not_exists(#id) OR #expiration <= :now";
    private static final String LIVE_VERSION = LIVE + " AND #version = :expected";

    private final DynamoDbClient client;
    private final DynamoDbSettings settings;
    private final DynamoDbFailures failures;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wraps an open client; {@link DynamoDbConnector#open} builds it.
     *
     * @param client the SDK's client, closed by {@link #close()}
     * @param settings the validated settings
     * @param failures the translator of the SDK's exceptions
     * @param clock the clock of every expiry decision
     */
    DynamoDbSessionInterface(DynamoDbClient client, DynamoDbSettings settings, DynamoDbFailures failures, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.failures = failures;
        this.clock = clock;
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        Instant now = now();
        GetItemResponse found = run("load a session", () -> client.getItem(b -> b.tableName(settings.table())
                .key(SessionItem.key(key)).consistentRead(true)));
        return found.hasItem() && SessionItem.isLive(found.item(), now)
                ? Optional.of(SessionItem.toRecord(found.item())) : Optional.empty();
    }

    /**
     * A {@code GetItem} and, when it finds a live item, an {@code UpdateItem} of its expiry; the
     * record returned reports the new expiry. Empty when the item expired or went away between the
     * two.
     */
    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        Optional<StoredRecord> found = load(key);
        if (found.isEmpty()) {
            return found;
        }
        long expiration = SessionItem.expiration(now(), positive(ttl));
        if (!refresh(key, expiration)) {
            return Optional.empty();
        }
        return Optional.of(new StoredRecord(found.get().data(), found.get().version(), Instant.ofEpochSecond(expiration)));
    }

    /**
     * One {@code PutItem} per write, conditional: on no live item for a create (a new item starts at
     * a random version), on the live item's version for a replace (the new version is one more). An
     * item over DynamoDB's 400 KB limit is refused before any request.
     *
     * @throws SessionBackendException when the item would exceed DynamoDB's item limit, or the call fails
     * @throws UnsupportedOperationException for an append: this backend has no
     *     {@link io.github.session4j.spi.RecordAppender}
     */
    @Override
    public WriteResult write(RecordWrite write) {
        RecordWrite.requireNoIndexChange(write, "dynamodb");
        return write.match(create -> {
                    long version = ThreadLocalRandom.current().nextLong(1, VERSION_BOUND);
                    return WriteResult.of(put("create a session", create.key(), create.record(), version, create.ttl(),
                            FREE, Map.of()), version);
                },
                replace -> WriteResult.of(put("save a session", replace.key(), replace.record(),
                        replace.expectedVersion() + 1, replace.ttl(), LIVE_VERSION,
                        Map.of(":expected", SessionItem.number(replace.expectedVersion()))), replace.expectedVersion() + 1),
                append -> {
                    throw append.unsupported("dynamodb");
                });
    }

    private boolean put(String operation, String key, byte[] record, long version, Duration ttl, String condition,
                        Map<String, AttributeValue> values) {
        requireFits(key, record);
        Instant now = now();
        Map<String, AttributeValue> item = SessionItem.of(key, record, version, SessionItem.expiration(now, positive(ttl)));
        Map<String, AttributeValue> expressionValues = new HashMap<>(values);
        expressionValues.put(":now", SessionItem.now(now));
        return run(operation, () -> {
            try {
                client.putItem(b -> b.tableName(settings.table()).item(item).conditionExpression(condition)
                        .expressionAttributeNames(names(condition)).expressionAttributeValues(expressionValues));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key");
        now();
        run("delete a session", () -> client.deleteItem(b -> b.tableName(settings.table()).key(SessionItem.key(key))));
    }

    @Override
    public void touch(String key, Duration ttl) {
        refresh(key, SessionItem.expiration(now(), positive(ttl)));
    }

    /** Sets the expiry of a live item; false when there was none. */
    private boolean refresh(String key, long expiration) {
        Instant now = now();
        Map<String, AttributeValue> values = Map.of(":now", SessionItem.now(now), ":expiration",
                SessionItem.number(expiration));
        return run("refresh the expiry of a session", () -> {
            try {
                client.updateItem(b -> b.tableName(settings.table()).key(SessionItem.key(key))
                        .updateExpression("SET #expiration = :expiration").conditionExpression(LIVE)
                        .expressionAttributeNames(names(LIVE)).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /**
     * Counts the live items under the key prefix with a strongly consistent {@code Scan} of the
     * whole table ({@code Select=COUNT}, one request per 1 MB read): an admin tool's call, not one
     * for every request.
     *
     * @return the number of live items under {@code SESSION_KEY_PREFIX}
     */
    @Override
    public long countLive() {
        Instant now = now();
        String filter = "begins_with(#id, :prefix) AND #expiration > :now";
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = run("count the live sessions", () -> client.scan(scan(filter, now, from)
                    .select(Select.COUNT).build()));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /**
     * Deletes up to {@code maxRecords} expired items under the key prefix: a strongly consistent
     * {@code Scan} for their keys (page by page until enough are found or the table ends), then one
     * {@code DeleteItem} each, on condition that the item is still expired. DynamoDB's TTL deletes
     * expired items by itself; this is for an endpoint without TTL (dynalite) or a table whose TTL is
     * off, with {@code SESSION_CLEANUP_N_REQUESTS} set high, since each call may read the whole table.
     *
     * @param maxRecords the upper bound of items to delete, positive
     * @return how many items were deleted
     * @throws IllegalArgumentException if {@code maxRecords} is not positive
     */
    @Override
    public int sweepExpired(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be positive but was " + maxRecords);
        }
        Instant now = now();
        String filter = "begins_with(#id, :prefix) AND #expiration <= :now";
        List<String> expired = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = run("find expired sessions", () -> client.scan(scan(filter, now, from)
                    .projectionExpression("#id").build()));
            for (Map<String, AttributeValue> item : page.items()) {
                if (expired.size() < maxRecords) {
                    expired.add(item.get(SessionItem.ID).s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && expired.size() < maxRecords);
        int deleted = 0;
        Map<String, AttributeValue> values = Map.of(":now", SessionItem.now(now));
        for (String key : expired) {
            boolean gone = run("delete an expired session", () -> {
                try {
                    client.deleteItem(b -> b.tableName(settings.table()).key(SessionItem.key(key))
                            .conditionExpression("#expiration <= :now")
                            .expressionAttributeNames(Map.of("#expiration", SessionItem.EXPIRATION))
                            .expressionAttributeValues(values));
                    return true;
                } catch (ConditionalCheckFailedException e) {
                    return false; // refreshed or replaced meanwhile: live again
                }
            });
            deleted += gone ? 1 : 0;
        }
        return deleted;
    }

    private ScanRequest.Builder scan(String filter, Instant now, Map<String, AttributeValue> start) {
        ScanRequest.Builder builder = ScanRequest.builder().tableName(settings.table()).consistentRead(true)
                .filterExpression(filter)
                .expressionAttributeNames(Map.of("#id", SessionItem.ID, "#expiration", SessionItem.EXPIRATION))
                .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(settings.keyPrefix()),
                        ":now", SessionItem.now(now)));
        return start == null ? builder : builder.exclusiveStartKey(start);
    }

    /**
     * This backend's capabilities, and {@link RecordScanner} ({@link DynamoDbRecordScanner}).
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == RecordScanner.class) {
            return Optional.of(type.cast(new DynamoDbRecordScanner(client, settings, failures, clock)));
        }
        return SessionInterface.super.capability(type);
    }

    /**
     * Closes the SDK's client and its connections. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "DynamoDbSessionInterface[" + settings.describe() + "]";
    }

    /**
     * Refuses, before any request, a record whose item would exceed DynamoDB's 400 KB item limit
     * (DynamoDB would refuse it with a {@code ValidationException} after the upload).
     */
    private void requireFits(String key, byte[] record) {
        long size = SessionItem.itemSize(key, record.length);
        if (size > SessionItem.MAX_ITEM_BYTES) {
            throw new SessionBackendException("DynamoDB cannot store this session in " + settings.describe()
                    + ": its record of " + record.length + " bytes makes an item of about " + size
                    + " bytes, over DynamoDB's limit of " + SessionItem.MAX_ITEM_BYTES + " bytes (400 KB) per item;"
                    + " nothing was sent or written. Keep less in the session, or set SESSION_MAX_SIZE to "
                    + DynamoDbConnector.RECOMMENDED_MAX_SIZE + " or less, so that the core refuses such a session"
                    + " itself (SessionEncodingException) before it reaches the store");
        }
    }

    private Instant now() {
        if (closed.get()) {
            throw new IllegalStateException("The DynamoDB session backend for " + settings.describe()
                    + " is closed; create a new one");
        }
        return clock.instant();
    }

    private static Duration positive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive but was " + ttl);
        }
        return ttl;
    }

    /** The expression attribute names that {@code expression} uses (DynamoDB refuses unused ones). */
    private static Map<String, String> names(String expression) {
        Map<String, String> used = new HashMap<>(4);
        NAMES.forEach((name, attribute) -> {
            if (expression.contains(name)) {
                used.put(name, attribute);
            }
        });
        return used;
    }

    private <T> T run(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failures.of(operation, e);
        }
    }
}
