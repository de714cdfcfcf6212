package io.github.session4j.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes a backend's store with the backend's OWN client (a Redis connection, a JDBC
 * connection, the file system), bypassing the {@link io.github.session4j.spi.SessionInterface}
 * under test, so that the kit can check what really is in the store.
 *
 * <p>The kit obtains one side door per test from
 * {@link SessionInterfaceCompatibilityKit#sideDoor()}; it may be called from several threads.
 * In {@link ExpiryMode#CLOCK} mode, remaining times are computed against
 * {@link SessionInterfaceCompatibilityKit#clock()}, the clock the backend under test uses too.
 */
public interface SideDoor {

    /**
     * Reads the record bytes stored under {@code key}, exactly as the core handed them to the
     * backend (without the backend's own framing, such as a version column or field), whether or
     * not the record has expired.
     *
     * @param key the full store key, prefix included
     * @return the bytes, or empty when no record is present
     */
    Optional<byte[]> read(String key);

    /**
     * Overwrites the record bytes of an existing key, keeping the record live (its expiry and,
     * where possible, its version are left as they are); used to plant corrupt or tampered
     * records.
     *
     * @param key the full store key of a record that exists
     * @param record the bytes to store instead
     */
    void write(String key, byte[] record);

    /**
     * Tells whether the store holds a record under {@code key}, expired or not.
     *
     * @param key the full store key
     * @return {@code true} if the record is physically present
     */
    boolean exists(String key);

    /**
     * Lists every key in the store that starts with {@code prefix}, expired records included
     * where the store still holds them.
     *
     * @param prefix a key prefix, such as the test's {@code SESSION_KEY_PREFIX}
     * @return the full keys, in any order
     */
    List<String> keys(String prefix);

    /**
     * The remaining time to live of the record under {@code key}, as the store sees it.
     *
     * @param key the full store key
     * @return the remaining time, or empty when the record is missing or has no expiry
     */
    Optional<Duration> ttl(String key);

    /**
     * Everything the backend keeps for its principal index that the side door can see, as text:
     * names of entries, and members or values where they are text. The kit checks that none holds
     * a principal in clear. The default sees nothing, for a backend without the index or whose
     * index lives under the test's key prefix, which {@link #keys} lists anyway.
     *
     * @param prefix the test's {@code SESSION_KEY_PREFIX}
     * @return the names and values, in any order
     */
    default List<String> indexContents(String prefix) {
        return List.of();
    }
}
