package io.github.session4j.benchmarks;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What the raw clients store: an 8-byte counter followed by the payload, so that a modifying
 * request reads and writes the same number of bytes as the session stores do.
 */
final class RawRecord {

    /** The idle lifetime every target gives its records: one day. */
    static final long TTL_SECONDS = 86_400;

    private RawRecord() {
    }

    /**
     * A new record with counter 0.
     *
     * @param payload the payload
     * @return the record bytes
     */
    static byte[] initial(byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putLong(0).put(payload).array();
    }

    /**
     * Increments the counter in place.
     *
     * @param record the record bytes, changed
     * @return the new counter
     */
    static long increment(byte[] record) {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        long counter = buffer.getLong(0) + 1;
        buffer.putLong(0, counter);
        return counter;
    }

    /**
     * A fresh key under a prefix.
     *
     * @param prefix such as {@code raw:}
     * @return the key
     */
    static String newKey(String prefix) {
        return prefix + UUID.randomUUID();
    }
}
