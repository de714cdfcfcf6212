package io.github.session4j.mongo;

import com.mongodb.client.model.Filters;
import io.github.session4j.spi.StoredRecord;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.conversions.Bson;

/**
 * The layout of one session document and the filters over it:
 * {@code {_id: <store key>, data: <record bytes>, version: <long>, expiresAt: <Date>}}.
 *
 * <p>{@code _id} is the store key, so every lookup uses the primary index. {@code expiresAt} is a
 * BSON date (millisecond precision) so that a TTL index can remove expired documents; since
 * MongoDB's TTL monitor runs only once a minute, every read and conditional write also filters on
 * it, with "now" from the configured clock.
 */
final class SessionDocument {

    static final String ID = "_id";
    static final String DATA = "data";
    static final String VERSION = "version";
    static final String EXPIRES_AT = "expiresAt";

    private SessionDocument() {
    }

    /**
     * Builds a whole document.
     *
     * @param key the store key
     * @param data the record bytes
     * @param version the version token
     * @param expiresAt when the record expires
     * @return the document
     */
    static BsonDocument of(String key, byte[] data, long version, Instant expiresAt) {
        return new BsonDocument(ID, new BsonString(key))
                .append(DATA, new BsonBinary(data))
                .append(VERSION, new BsonInt64(version))
                .append(EXPIRES_AT, date(expiresAt));
    }

    /**
     * Reads a document as the record the core sees.
     *
     * @param document a document written by {@link #of}
     * @return the record with its bytes, version and expiry
     */
    static StoredRecord toRecord(BsonDocument document) {
        return new StoredRecord(document.getBinary(DATA).getData(), document.getInt64(VERSION).getValue(),
                Instant.ofEpochMilli(document.getDateTime(EXPIRES_AT).getValue()));
    }

    /**
     * A BSON date, which keeps milliseconds: finer parts of {@code instant} are dropped.
     *
     * @param instant the instant
     * @return the date
     */
    static BsonDateTime date(Instant instant) {
        return new BsonDateTime(instant.toEpochMilli());
    }

    /**
     * The document of {@code key} if it is live at {@code now}.
     *
     * @param key the store key
     * @param now the current instant
     * @return the filter
     */
    static Bson live(String key, Instant now) {
        return Filters.and(Filters.eq(ID, key), Filters.gt(EXPIRES_AT, Date.from(now)));
    }

    /**
     * The document of {@code key} if it is live at {@code now} and still has {@code version}.
     *
     * @param key the store key
     * @param version the expected version
     * @param now the current instant
     * @return the filter
     */
    static Bson liveVersion(String key, long version, Instant now) {
        return Filters.and(Filters.eq(ID, key), Filters.eq(VERSION, version), Filters.gt(EXPIRES_AT, Date.from(now)));
    }

    /**
     * The write fence's condition: the server's clock ({@code $$NOW}, MongoDB 4.2+) has not passed
     * {@code deadlineMillis}, so that a save the server runs after its client gave up matches nothing.
     *
     * @param deadlineMillis the latest server time, in epoch milliseconds, at which the save may run
     * @return the filter
     */
    static Bson beforeDeadline(long deadlineMillis) {
        return Filters.expr(new BsonDocument("$lte", new BsonArray(List.of(new BsonString("$$NOW"),
                new BsonDateTime(deadlineMillis)))));
    }

    /**
     * The document of {@code key} if it has expired at {@code now} (the TTL monitor has not removed
     * it yet).
     *
     * @param key the store key
     * @param now the current instant
     * @return the filter
     */
    static Bson expired(String key, Instant now) {
        return Filters.and(Filters.eq(ID, key), Filters.lte(EXPIRES_AT, Date.from(now)));
    }

    /**
     * Every live document whose key starts with {@code prefix}; the anchored prefix uses the
     * {@code _id} index.
     *
     * @param prefix the key prefix
     * @param now the current instant
     * @return the filter
     */
    static Bson liveUnder(String prefix, Instant now) {
        return Filters.and(under(prefix), Filters.gt(EXPIRES_AT, Date.from(now)));
    }

    /**
     * Every expired document whose key starts with {@code prefix}.
     *
     * @param prefix the key prefix
     * @param now the current instant
     * @return the filter
     */
    static Bson expiredUnder(String prefix, Instant now) {
        return Filters.and(under(prefix), Filters.lte(EXPIRES_AT, Date.from(now)));
    }

    private static Bson under(String prefix) {
        return Filters.regex(ID, "^" + Pattern.quote(prefix));
    }
}
