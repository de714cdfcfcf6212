package io.github.session4j.spi;

/**
 * Optional capability of a backend that accepts {@link RecordWrite.Append}: it can add bytes to
 * the end of a stored record without rewriting it, under the same version check as a
 * {@link RecordWrite.Replace}. A backend without it refuses an append.
 *
 * <p>The core uses it to save a small change to a large session as a delta frame after the
 * record (the record format's version 2, see {@code RecordFormat}), where a replace would send
 * and store the whole record again; the next {@link SessionInterface#load} returns the record
 * with every appended frame, and the core folds them in. It still rewrites the record whole when
 * frames have piled up, so a stored record stays within a bounded multiple of its base.
 * {@code SESSION_DELTA_WRITES=true} needs it: on a backend without it, start-up fails.
 *
 * <p>A backend should have this only where an append really is cheaper than a replace. A
 * store that rewrites a whole value on any change to it (such as PostgreSQL's out-of-line
 * {@code bytea}) gains nothing by appending to the record's value; session-jdbc therefore keeps
 * the appended bytes in a column of their own and returns the record and them concatenated. Like
 * a replace, an append is one round trip and atomic: either the tail is appended, the version
 * changes and the TTL is set, or nothing changes.
 *
 * <p>This interface has no methods: the append itself goes through {@link SessionInterface#write}.
 * A backend has the capability when {@link SessionInterface#capability}{@code (RecordAppender.class)}
 * answers one.
 */
public interface RecordAppender {
}
