package io.github.session4j.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record as a backend returns it: the stored bytes, an opaque version token and, where the store
 * keeps it, the instant at which the record expires.
 *
 * @param data the stored bytes, exactly as they were saved
 * @param version an opaque token that changes on every successful save; passed back to
 *     a {@link RecordWrite.Replace} or {@link RecordWrite.Append} to make the save conditional
 * @param expiresAt when the record expires, or {@code null} where the store does not report it
 *     on a load (the store then enforces its TTL itself)
 */
public record StoredRecord(byte[] data, long version, Instant expiresAt) {

    /**
     * Creates a record.
     *
     * @param data the stored bytes
     * @param version the version token
     * @param expiresAt when the record expires, or {@code null}
     * @throws NullPointerException if {@code data} is null
     */
    public StoredRecord {
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRecord that
                && version == that.version
                && Arrays.equals(data, that.data)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(data), version, expiresAt);
    }

    @Override
    public String toString() {
        return "StoredRecord[" + data.length + " bytes, version=" + version + ", expiresAt=" + expiresAt + "]";
    }
}
