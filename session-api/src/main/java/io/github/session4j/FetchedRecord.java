package io.github.session4j;

import io.github.session4j.spi.StoredRecord;
import java.time.Instant;

/**
 * The first stage of the load path: a record's bytes as {@link SessionRuntime#fetch} or
 * {@link SessionRuntime#refetch} fetched them, from the store or from the record cache once the
 * store confirmed them current. Not decoded yet: the next stages are the
 * {@link io.github.session4j.codec.DecodedRecord} and the request's {@link LoadState}.
 *
 * @param bytes the stored bytes (empty for a tombstone)
 * @param version the version the store gave them, for a conditional save
 * @param expiresAt the store's expiry, or null where the store does not say
 */
record FetchedRecord(RecordBytes bytes, long version, Instant expiresAt) {

    static FetchedRecord of(StoredRecord stored) {
        return new FetchedRecord(RecordBytes.of(stored.data()), stored.version(), stored.expiresAt());
    }

    /** Whether this is no session: a tombstone, which a regenerated session leaves under its old key. */
    boolean isTombstone() {
        return bytes.length() == 0;
    }
}
