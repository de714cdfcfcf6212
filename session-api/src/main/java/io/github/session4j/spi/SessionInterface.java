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
 * <p>Round-trip budget (DESIGN.md §5): {@link #load}, {@link #create}, {@link #replace},
 * {@link #delete} and {@link #touch} are one round trip each where the store allows it;
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
     * Stores {@code record} under {@code key} only if no live record is stored there.
     *
     * @param key the store key
     * @param record the bytes to store; the backend must not modify or keep a reference it
     *     later mutates
     * @param ttl the time to live, positive
     * @return {@code true} if the record was stored, {@code false} if a live record already
     *     existed (a lost race, not an error)
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached or
     *     refuses the record (for example because it is larger than the store accepts)
     */
    boolean create(String key, byte[] record, Duration ttl);

    /**
     * Replaces the record under {@code key} only if a live record is stored there and its version
     * is still {@code expectedVersion}; the time to live is set to {@code ttl}.
     *
     * @param key the store key
     * @param record the new bytes
     * @param expectedVersion the {@link StoredRecord#version()} returned by the load this change
     *     is based on
     * @param ttl the time to live, positive
     * @return {@code true} if the record was replaced; {@code false} if it was changed, deleted
     *     or expired meanwhile (the caller reloads and retries, or gives up if it is gone)
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached or
     *     refuses the record
     */
    boolean replace(String key, byte[] record, long expectedVersion, Duration ttl);

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
     * Releases connections, threads and files. Idempotent: a second call does nothing.
     */
    @Override
    void close();
}
