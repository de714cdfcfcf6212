package io.github.session4j.spi;

import java.time.Duration;

/**
 * Optional capability of a backend that can add bytes to the end of a stored record without
 * rewriting it, under the same version check as {@link SessionInterface#replace}.
 *
 * <p>The core uses it to save a small change to a large session as a delta frame after the
 * record (the record format's version 2, see {@code RecordFormat}), where a replace would send
 * and store the whole record again; the next {@link SessionInterface#load} returns the record
 * with every appended frame, and the core folds them in. It still rewrites the record whole when
 * frames have piled up, so a stored record stays within a bounded multiple of its base.
 *
 * <p>A backend should implement this only where an append really is cheaper than a replace. A
 * store that rewrites a whole value on any change to it (such as PostgreSQL's out-of-line
 * {@code bytea}) gains nothing by appending to the record's value; session-jdbc therefore keeps
 * the appended bytes in a column of their own and returns the record and them concatenated. Like {@code replace} it is one round trip and atomic: either the tail is appended,
 * the version changes and the TTL is set, or nothing changes.
 */
public interface RecordAppender {

    /**
     * Appends {@code tail} to the record under {@code key} if that record's version is still
     * {@code expectedVersion}; the record then gets a new version (as after a replace) and
     * expires after {@code ttl}.
     *
     * @param key the store key
     * @param tail the bytes to add after the stored record (never empty)
     * @param expectedVersion the version the record must still have, as {@code load} returned it
     * @param ttl the record's new time to live, positive
     * @return {@code true} if appended; {@code false} if the record was changed, deleted or
     *     expired since it was loaded, or is empty (the core's tombstone; nothing was written)
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    boolean append(String key, byte[] tail, long expectedVersion, Duration ttl);
}
