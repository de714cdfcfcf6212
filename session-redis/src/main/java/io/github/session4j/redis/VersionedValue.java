package io.github.session4j.redis;

import io.github.session4j.spi.StoredRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The layout of a stored value: an 8-byte big-endian version, then the record bytes exactly as
 * the core handed them over.
 *
 * <p>The version is random, drawn anew for every save, not a counter: a session that is deleted
 * and created again under the same key can never be mistaken for the one an old request loaded
 * (with a counter, both could be at version 1). Keeping it in the value itself, rather than in a
 * hash field or a second key, lets {@code GET}/{@code GETEX} return data and version in one
 * command, and lets the scripts compare it with {@code GETRANGE} without copying the record (the
 * append script also overwrites it in place with {@code SETRANGE}).
 */
final class VersionedValue {

    /** The length of the version prefix. */
    static final int PREFIX = Long.BYTES;

    private VersionedValue() {
    }

    /**
     * A fresh version for a save.
     *
     * @return a random version
     */
    static long newVersion() {
        return ThreadLocalRandom.current().nextLong();
    }

    /**
     * The stored form of a record.
     *
     * @param version the version
     * @param record the record bytes
     * @return the version prefix followed by the record
     */
    static byte[] encode(long version, byte[] record) {
        return ByteBuffer.allocate(PREFIX + record.length).putLong(version).put(record).array();
    }

    /**
     * The version prefix alone, as the scripts compare and the append script writes it.
     *
     * @param version the version
     * @return 8 bytes
     */
    static byte[] prefix(long version) {
        return ByteBuffer.allocate(PREFIX).putLong(version).array();
    }

    /**
     * Splits a stored value into version and record.
     *
     * <p>A value shorter than the prefix was not written by session4j; it is returned whole as
     * the data, with version 0, which no replace can match (the script compares 8 bytes). The core
     * then finds the record unreadable and deletes it.
     *
     * @param value the stored value
     * @return the record, its expiry left to the server ({@code expiresAt} is null)
     */
    static StoredRecord decode(byte[] value) {
        if (value.length < PREFIX) {
            return new StoredRecord(value, 0L, null);
        }
        long version = ByteBuffer.wrap(value, 0, PREFIX).getLong();
        return new StoredRecord(Arrays.copyOfRange(value, PREFIX, value.length), version, null);
    }
}
