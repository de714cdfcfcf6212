package io.github.session4j.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link RecordRevalidator#revalidate}: either the stored record still has the
 * version the caller holds, or it is what the store holds now (possibly nothing).
 */
public final class Revalidation {

    private final boolean unchanged;
    private final Instant expiresAt;
    private final Optional<StoredRecord> current;

    private Revalidation(boolean unchanged, Instant expiresAt, Optional<StoredRecord> current) {
        this.unchanged = unchanged;
        this.expiresAt = expiresAt;
        this.current = current;
    }

    /**
     * The live record still has the caller's version; no bytes were read.
     *
     * @param expiresAt the record's expiry as the store reports it (after the refresh, if one was
     *     asked for), or {@code null} where the store does not say
     * @return the answer
     */
    public static Revalidation unchanged(Instant expiresAt) {
        return new Revalidation(true, expiresAt, Optional.empty());
    }

    /**
     * The record changed, or is gone: this is what a plain load would have returned.
     *
     * @param current the record stored now, or empty when there is none or it has expired
     * @return the answer
     */
    public static Revalidation changed(Optional<StoredRecord> current) {
        return new Revalidation(false, null, Objects.requireNonNull(current, "current"));
    }

    /**
     * Whether the caller's copy is still current.
     *
     * @return {@code true} when the live record still has the caller's version
     */
    public boolean isUnchanged() {
        return unchanged;
    }

    /**
     * For an unchanged record: its expiry, where the store reports one.
     *
     * @return the expiry, or {@code null}
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * For a changed record: what the store holds now.
     *
     * @return the record, or empty (also for an unchanged one)
     */
    public Optional<StoredRecord> current() {
        return current;
    }

    @Override
    public String toString() {
        return unchanged ? "Revalidation[unchanged, expiresAt=" + expiresAt + "]" : "Revalidation[changed, " + current + "]";
    }
}
