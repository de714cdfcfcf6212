package io.github.session4j;

import io.github.session4j.spi.StoredRecord;
import java.time.Instant;

/**
 * A record as {@link SessionRuntime#read} or {@link SessionRuntime#reload} found it: from the
 * store, or kept in the record cache and confirmed current by the store.
 *
 * @param bytes the stored bytes (empty for a tombstone)
 * @param version the version the store gave them, for a conditional save
 * @param expiresAt the store's expiry, or null where the store does not say
 */
record ReadRecord(RecordBytes bytes, long version, Instant expiresAt) {

    static ReadRecord of(StoredRecord stored) {
        return new ReadRecord(RecordBytes.of(stored.data()), stored.version(), stored.expiresAt());
    }
}
