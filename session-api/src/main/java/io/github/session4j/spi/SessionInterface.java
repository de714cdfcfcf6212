package io.github.session4j.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The contract a storage backend implements: opaque bytes under a key, with a version token and a
 * time to live.
 *
 * <p>The core does everything else (IDs, cookies, codecs, expiry rules, merging of concurrent
 * changes). A backend only has to store and return the bytes it is given. Keys are handed in
 * already hashed and prefixed ({@code SESSION_KEY_PREFIX} + a hash of the session ID), so a
 * backend never sees a raw session ID; they consist of the prefix followed by base64url
 * characters.
 *
 * <p>Every method may be called from many threads at once. Failures of the store (unreachable,
 * timed out, refused) are reported as {@link io.github.session4j.SessionBackendException}, never as
 * "no record", so that the caller can answer 503 instead of handing out a fresh session.
 *
 * <p>Round-trip budget (DESIGN.md §5): {@link #load}, {@link #write}, {@link #delete} and
 * {@link #touch} are one round trip each where the store allows it;
 * {@link #loadAndTouch} is one round trip where the store can refresh the expiry in the read
 * command itself (Redis {@code GETEX}, memcached {@code gat}), and two otherwise.
 */
public interface SessionInterface extends AutoCloseable {

    /**
     * Reads the record stored under {@code key}.
     *
     * @param key the store key
     * @return the record, or empty when there is none or it has expired (an expired record is
     *     never returned, even where the store has not removed it yet)
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    Optional<StoredRecord> load(String key);

    /**
     * Reads the record under {@code key} and, when there is one, sets its time to live to
     * {@code ttl}, in one round trip where the store can. The returned record's
     * {@link StoredRecord#expiresAt()} reflects the new expiry where the store reports one.
     *
     * <p>The default implementation is {@link #load} followed by {@link #touch}; it reports the
     * expiry as unknown ({@code null}).
     *
     * @param key the store key
     * @param ttl the new time to live, positive
     * @return the record, or empty when there is none or it has expired
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    default Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        Optional<StoredRecord> found = load(key);
        if (found.isEmpty()) {
            return found;
        }
        touch(key, ttl);
        // The expiry read before the touch is stale now, and this default cannot know the new one.
        return Optional.of(new StoredRecord(found.get().data(), found.get().version(), null));
    }

    /**
     * Whether {@link #loadAndTouch} costs a single round trip (Redis {@code GETEX}, memcached
     * {@code gat}). When it does, the core refreshes the expiry with every read at no extra cost;
     * when it does not, the core reads with {@link #load} and calls {@link #touch} only when a
     * refresh is due, which it can tell from {@link StoredRecord#expiresAt()}.
     *
     * @return {@code true} if reading and refreshing in one round trip is cheap; {@code false} by
     *     default
     */
    default boolean refreshesInLoad() {
        return false;
    }

    /**
     * Writes a record conditionally: a {@link RecordWrite.Create} only where no live record is
     * stored, a {@link RecordWrite.Replace} or {@link RecordWrite.Append} only where the live
     * record still has the expected version. The write, its time to live and its
     * {@link RecordWrite#index() index change} happen together or not at all, in one round trip
     * where the store allows it.
     *
     * @param write what to write
     * @return written, with the record's new version where the backend learns it (a
     *     {@link RecordRevalidator} always does), or a lost race (not an error: the caller reloads
     *     and retries, or gives up if the record is gone)
     * @throws IllegalArgumentException when the write carries an index change that this backend
     *     cannot keep (see {@link RecordWrite#requireNoIndexChange}), or its TTL is not positive
     * @throws UnsupportedOperationException when it is a {@link RecordWrite.Append} and this
     *     backend has no {@link RecordAppender} capability (the core never sends one then)
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached or
     *     refuses the record (for example because it is larger than the store accepts)
     */
    WriteResult write(RecordWrite write);

    /**
     * Deletes the record under {@code key}; deleting a missing record is not an error.
     *
     * @param key the store key
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    void delete(String key);

    /**
     * Sets the time to live of the record under {@code key} without rewriting its bytes and
     * without changing its version; a missing record is left missing.
     *
     * @param key the store key
     * @param ttl the new time to live, positive
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    void touch(String key, Duration ttl);

    /**
     * An optional capability of this backend, such as {@link ExpirySweeper}, {@link SessionCounter},
     * {@link RecordAppender} or {@link RecordRevalidator}, or one that the core has never heard of
     * (an admin tool of the backend's own). The core finds capabilities only through this method,
     * so that a wrapper (a counting or forwarding backend) can pass them through.
     *
     * <p>The default answers this backend itself when it implements {@code type}. A backend may
     * answer less than its class implements, when its store lacks a feature at run time (a table
     * without the column an append needs); a wrapper answers what it wraps.
     *
     * @param type the capability's interface
     * @param <T> the capability's type
     * @return the capability, or empty when this backend lacks it
     */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * Releases connections, threads and files. Idempotent: a second call does nothing.
     */
    @Override
    void close();
}
