package io.github.session4j.spi;

import java.util.OptionalLong;

/**
 * The answer of {@link SessionInterface#write}: the record was written (with its new version,
 * where the backend learns it), or the write lost a race and nothing was written.
 *
 * <p>A backend that cannot learn the version its store gave the record (memcached's {@code cas}
 * and {@code add} do not return the new CAS value, for example) answers
 * {@link #writtenVersionUnknown()}; the next {@link SessionInterface#load} reports the version.
 * A {@link RecordRevalidator} must always know it: the core keeps the written record under that
 * version, so a revalidating backend answers every successful {@link RecordWrite.Replace} and
 * {@link RecordWrite.Append} with {@link #written(long)}.
 */
public final class WriteResult {

    private static final WriteResult LOST_RACE = new WriteResult(false, OptionalLong.empty());
    private static final WriteResult VERSION_UNKNOWN = new WriteResult(true, OptionalLong.empty());

    private final boolean written;
    private final OptionalLong newVersion;

    private WriteResult(boolean written, OptionalLong newVersion) {
        this.written = written;
        this.newVersion = newVersion;
    }

    /**
     * The record was written and now has {@code newVersion}, as the next load reports it.
     *
     * @param newVersion the record's version after the write
     * @return the answer
     */
    public static WriteResult written(long newVersion) {
        return new WriteResult(true, OptionalLong.of(newVersion));
    }

    /**
     * The record was written, but the backend does not know the version the store gave it.
     *
     * @return the answer
     */
    public static WriteResult writtenVersionUnknown() {
        return VERSION_UNKNOWN;
    }

    /**
     * Nothing was written: a create found a live record, or a replace or append found the record
     * changed, deleted, expired or (for an append) empty. Not an error: the caller reloads.
     *
     * @return the answer
     */
    public static WriteResult lostRace() {
        return LOST_RACE;
    }

    /**
     * {@link #written(long)} when {@code written}, else {@link #lostRace()}.
     *
     * @param written whether the store took the write
     * @param newVersion the version it gave the record, when it did
     * @return the answer
     */
    public static WriteResult of(boolean written, long newVersion) {
        return written ? written(newVersion) : LOST_RACE;
    }

    /**
     * Whether the store took the write.
     *
     * @return {@code true} when written, {@code false} for a lost race
     */
    public boolean isWritten() {
        return written;
    }

    /**
     * The record's version after the write.
     *
     * @return the new version; empty for a lost race, and for a write whose backend does not
     *     learn the version
     */
    public OptionalLong newVersion() {
        return newVersion;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WriteResult that && written == that.written && newVersion.equals(that.newVersion);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(written) * 31 + newVersion.hashCode();
    }

    @Override
    public String toString() {
        if (!written) {
            return "WriteResult[lost race]";
        }
        return newVersion.isPresent() ? "WriteResult[written, version=" + newVersion.getAsLong() + "]"
                : "WriteResult[written, version unknown]";
    }
}
