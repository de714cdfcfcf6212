package io.github.session4j.dynamodb;

import io.github.session4j.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of one session item and the expressions over it, with Flask-Session's attribute
 * names: {@code {id: S <store key>, val: B <record bytes>, version: N <long>, expiration: N <epoch
 * seconds>}}.
 *
 * <p>{@code id} is the table's partition key. {@code expiration} is the table's TTL attribute, in
 * whole seconds since the epoch (UTC), as DynamoDB's TTL requires; an expiry that falls inside a
 * second is rounded down to that second, so a record never outlives the TTL it was given (the core
 * refreshes a record whose expiry lies later than its idle timeout allows) and ends at most one second
 * early. DynamoDB deletes expired items lazily (typically within days), so every read and conditional
 * write also compares {@code expiration} with "now" from the configured clock.
 */
final class SessionItem {

    /** The partition key: the store key. */
    static final String ID = "id";
    /** The record bytes, exactly as the core made them. */
    static final String VAL = "val";
    /** The version token: random on create, +1 on every replace. */
    static final String VERSION = "version";
    /** When the record expires, in epoch seconds; the TTL attribute. */
    static final String EXPIRATION = "expiration";

    /** DynamoDB's largest item: 400 KB, attribute names and values together. */
    static final int MAX_ITEM_BYTES = 400 * 1024;

    private SessionItem() {
    }

    /**
     * The whole item.
     *
     * @param key the store key
     * @param data the record bytes
     * @param version the version token
     * @param expiration when the record expires, in epoch seconds
     * @return the attributes
     */
    static Map<String, AttributeValue> of(String key, byte[] data, long version, long expiration) {
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put(ID, AttributeValue.fromS(key));
        item.put(VAL, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(data)));
        item.put(VERSION, number(version));
        item.put(EXPIRATION, number(expiration));
        return item;
    }

    /**
     * The primary key of the item of {@code key}.
     *
     * @param key the store key
     * @return the key attributes
     */
    static Map<String, AttributeValue> key(String key) {
        return Map.of(ID, AttributeValue.fromS(key));
    }

    /**
     * Reads an item as the record the core sees.
     *
     * @param item an item written by {@link #of}
     * @return the record with its bytes, version and expiry
     */
    static StoredRecord toRecord(Map<String, AttributeValue> item) {
        return new StoredRecord(item.get(VAL).b().asByteArrayUnsafe(), Long.parseLong(item.get(VERSION).n()),
                Instant.ofEpochSecond(expiration(item)));
    }

    /**
     * The expiry of an item, in epoch seconds.
     *
     * @param item an item
     * @return its {@code expiration}, or 0 (long expired) when it has none
     */
    static long expiration(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(EXPIRATION);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    /**
     * Whether an item is live at {@code now}: as {@link #LIVE} decides it on the server.
     *
     * @param item an item, or null
     * @param now the current instant
     * @return true if it is there and has not expired
     */
    static boolean isLive(Map<String, AttributeValue> item, Instant now) {
        return item != null && !item.isEmpty() && expiration(item) > now.getEpochSecond();
    }

    /**
     * {@code now + ttl} in epoch seconds, rounded down to the whole second, but at least the next
     * second (a TTL below one second still gives a live record).
     *
     * @param now the current instant
     * @param ttl the time to live
     * @return the expiration
     */
    static long expiration(Instant now, Duration ttl) {
        return Math.max(now.plus(ttl).getEpochSecond(), now.getEpochSecond() + 1);
    }

    /**
     * The value of {@code :now} in the expressions: an item with {@code expiration > :now} is live
     * at {@code now}. With whole-second expirations, {@code expiration > floor(now)} holds exactly
     * when the expiration lies after {@code now}.
     *
     * @param now the current instant
     * @return the attribute value
     */
    static AttributeValue now(Instant now) {
        return number(now.getEpochSecond());
    }

    /**
     * A number attribute.
     *
     * @param value the value
     * @return the attribute value
     */
    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /**
     * The size DynamoDB counts for the item of a record: the UTF-8 lengths of the attribute names
     * and of the key, the record's bytes, and for each number one byte per two significant digits
     * plus one, counted high (21 bytes: DynamoDB's bound for a number of 38 digits).
     *
     * @param key the store key
     * @param recordLength the record's length in bytes
     * @return the item's size in bytes
     */
    static long itemSize(String key, int recordLength) {
        return ID.length() + key.getBytes(StandardCharsets.UTF_8).length
                + VAL.length() + (long) recordLength
                + VERSION.length() + 21
                + EXPIRATION.length() + 21;
    }
}
