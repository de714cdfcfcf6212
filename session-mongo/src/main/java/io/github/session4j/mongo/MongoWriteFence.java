package io.github.session4j.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.FenceClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

/**
 * The write fence of session-mongo (issue 22, "a 503 must mean nothing was written"): a save's
 * filter carries the latest server time at which it may still run, compared with the server's own
 * clock ({@code $$NOW}, MongoDB 4.2+), so a save that a frozen or overloaded {@code mongod} runs
 * after the client gave up on it ({@code SESSION_MONGODB_TIMEOUT}) matches nothing and changes
 * nothing. The offset to the server's clock comes from {@code isMaster}'s {@code localTime}
 * ({@link FenceClock}: measured on connect and every 30 s; margin 100 ms plus half the best round
 * trip).
 *
 * <p>{@code maxTimeMS} would not do this: the server starts that clock when it starts the
 * operation, not when the client sent it.
 */
final class MongoWriteFence implements AutoCloseable {

    private static final MongoWriteFence OFF = new MongoWriteFence(null);

    private final FenceClock clock;

    private MongoWriteFence(FenceClock clock) {
        this.clock = clock;
    }

    /**
     * No fence ({@code SESSION_MONGODB_WRITE_FENCE=false}).
     *
     * @return the fence that adds nothing to a filter
     */
    static MongoWriteFence off() {
        return OFF;
    }

    /**
     * Measures the server's clock and checks, with one query that matches nothing, that the server
     * evaluates the fence's filter.
     *
     * @param admin the {@code admin} database, for {@code isMaster} (kept out of the sessions database's command counts)
     * @param collection the collection of session documents
     * @param settings the validated settings
     * @param failures the translator of the driver's exceptions
     * @return the running fence
     * @throws SessionBackendException when the server cannot be reached or cannot evaluate the
     *     fence (older than MongoDB 4.2, or a compatible server without {@code $$NOW}); the message
     *     says to upgrade or to set {@code SESSION_MONGODB_WRITE_FENCE=false}
     */
    static MongoWriteFence start(MongoDatabase admin, MongoCollection<BsonDocument> collection, MongoSettings settings,
                                 MongoFailures failures) {
        FenceClock clock = new FenceClock(() -> localTime(admin, settings), settings.timeout(), "session4j-mongodb-clock");
        try {
            clock.start();
        } catch (RuntimeException e) {
            clock.close();
            throw MongoFailures.isDriverFailure(e) ? failures.of("measure the server's clock for the write fence (isMaster)", e) : e;
        }
        MongoWriteFence fence = new MongoWriteFence(clock);
        try {
            // an _id no store key can have: the probe matches nothing and leaves nothing behind
            collection.find(fence.guard(Filters.eq(SessionDocument.ID, "\u0000write-fence-probe"))).first();
            return fence;
        } catch (MongoException e) {
            clock.close();
            if (!(e instanceof MongoServerException)) { // not the server refusing the query: unreachable, timed out
                throw failures.of("check the write fence's query at start-up", e);
            }
            throw unsupported(settings, "the query {$expr: {$lte: ['$$NOW', <deadline>]}} failed ("
                    + MongoSettings.mask(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    /**
     * A fence on a clock the caller made and started, for tests that skew it.
     *
     * @param clock the started clock, closed with the fence
     * @return the fence
     */
    static MongoWriteFence on(FenceClock clock) {
        return new MongoWriteFence(clock);
    }

    /**
     * The filter with the fence's deadline added.
     *
     * @param filter the save's own filter
     * @return {@code filter} and "the server's clock is not past the deadline"; {@code filter} itself when off
     */
    Bson guard(Bson filter) {
        return clock == null ? filter : Filters.and(filter, SessionDocument.beforeDeadline(clock.writeDeadline()));
    }

    /**
     * The margin a save keeps before its client gives up.
     *
     * @return the margin, or empty when the fence is off
     */
    Optional<Duration> margin() {
        return clock == null ? Optional.empty() : Optional.of(clock.margin());
    }

    /** Stops the clock's re-measurements. */
    @Override
    public void close() {
        if (clock != null) {
            clock.close();
        }
    }

    private static Instant localTime(MongoDatabase database, MongoSettings settings) {
        BsonDocument reply = database.runCommand(new BsonDocument("isMaster", new BsonInt32(1)), BsonDocument.class);
        BsonValue localTime = reply.get("localTime");
        if (localTime == null || !localTime.isDateTime()) {
            throw unsupported(settings, "its isMaster reply has no localTime to measure the server's clock by", null);
        }
        return Instant.ofEpochMilli(localTime.asDateTime().getValue());
    }

    private static SessionBackendException unsupported(MongoSettings settings, String what, Exception cause) {
        return new SessionBackendException("MongoDB at " + settings.describe() + " cannot keep the write fence: " + what
                + ". The fence needs MongoDB 4.2 or later. Upgrade the server, or set " + MongoSettings.WRITE_FENCE.key()
                + "=false (then a save answered 503 may still have been applied, once: see session-mongo's README).", cause);
    }
}
