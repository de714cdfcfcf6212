package io.github.session4j.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@code {_id: <store key>, data: <record bytes>, version: <long>, expiresAt: <Date>}}, plus
 * {@code principal: <principal key>} on the document of a signed-in session that the core indexed
 * (the principal index, {@link io.github.session4j.spi.PrincipalIndex}): the core's 43-character
 * hash of the user's name, never the name itself. Documents of anonymous sessions have no such
 * field, so the partial index on it holds signed-in sessions only.
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
    static final String PRINCIPAL = "principal";

    /** The bytes of the core's tombstone, left under the old key of a regenerated session. */
    private static final BsonBinary EMPTY = new BsonBinary(new byte[0]);

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
     * Builds the whole document of a create: with the principal field when the create indexes
     * the key ({@link IndexChange#added()}), without it otherwise (a create with
     * {@link IndexChange#none()} indexes nothing).
     *
     * @param key the store key
     * @param data the record bytes
     * @param version the version token
     * @param expiresAt when the record expires
     * @param index the index change of the create
     * @return the document
     */
    static BsonDocument created(String key, byte[] data, long version, Instant expiresAt, IndexChange index) {
        BsonDocument document = of(key, data, version, expiresAt);
        index.added().ifPresent(principalKey -> document.append(PRINCIPAL, new BsonString(principalKey)));
        return document;
    }

    /**
     * The update of a replace: the bytes, the version and the expiry, and the principal field as
     * the index change says: set for {@link IndexChange#added()}, removed for a change that only
     * {@link IndexChange#removed() removes}, and left as it is for {@link IndexChange#none()}, so a
     * signed-in session stays indexed through ordinary saves.
     *
     * @param data the new record bytes
     * @param version the new version
     * @param expiresAt the new expiry
     * @param index the index change of the replace
     * @return the update
     */
    static Bson replaced(byte[] data, long version, Instant expiresAt, IndexChange index) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set(DATA, new BsonBinary(data)),
                Updates.set(VERSION, new BsonInt64(version)), Updates.set(EXPIRES_AT, date(expiresAt))));
        if (index.added().isPresent()) {
            updates.add(Updates.set(PRINCIPAL, new BsonString(index.added().get())));
        } else if (index.removed().isPresent()) {
            updates.add(Updates.unset(PRINCIPAL));
        }
        return Updates.combine(updates);
    }

    /**
     * The live, non-empty documents under {@code prefix} indexed under {@code principalKey} whose
     * key comes after {@code after}: what {@link io.github.session4j.spi.PrincipalIndex#indexedKeys}
     * lists. An expired document the TTL monitor has not removed yet, and a tombstone, are left
     * out, so the listing never names a dead record of this collection.
     *
     * @param prefix the key prefix
     * @param principalKey the principal key
     * @param after the key to start after, exclusive, or null
     * @param now the current instant
     * @return the filter
     */
    static Bson indexed(String prefix, String principalKey, String after, Instant now) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq(PRINCIPAL, principalKey), under(prefix),
                Filters.gt(EXPIRES_AT, Date.from(now)), Filters.ne(DATA, EMPTY)));
        if (after != null) {
            filters.add(Filters.gt(ID, after));
        }
        return Filters.and(filters);
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
