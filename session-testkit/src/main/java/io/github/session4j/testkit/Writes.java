package io.github.session4j.testkit;

import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Shorthands for tests that write records straight through {@link SessionInterface#write}: each
 * sends one {@link RecordWrite} without an index change and answers whether it was written.
 */
public final class Writes {

    private Writes() {
    }

    /**
     * Sends a {@link RecordWrite.Create}.
     *
     * @param backend the backend to write to
     * @param key the store key
     * @param record the bytes to store
     * @param ttl the time to live
     * @return whether the record was stored ({@code false}: a live record existed)
     */
    public static boolean create(SessionInterface backend, String key, byte[] record, Duration ttl) {
        return backend.write(new RecordWrite.Create(key, record, ttl)).isWritten();
    }

    /**
     * Sends a {@link RecordWrite.Replace}.
     *
     * @param backend the backend to write to
     * @param key the store key
     * @param record the new bytes
     * @param expectedVersion the version the record must still have
     * @param ttl the time to live
     * @return whether the record was replaced
     */
    public static boolean replace(SessionInterface backend, String key, byte[] record, long expectedVersion, Duration ttl) {
        return backend.write(new RecordWrite.Replace(key, record, expectedVersion, ttl)).isWritten();
    }

    /**
     * Sends a {@link RecordWrite.Append}.
     *
     * @param backend the backend to write to
     * @param key the store key
     * @param tail the bytes to add after the stored record
     * @param expectedVersion the version the record must still have
     * @param ttl the time to live
     * @return whether the tail was appended
     */
    public static boolean append(SessionInterface backend, String key, byte[] tail, long expectedVersion, Duration ttl) {
        return backend.write(new RecordWrite.Append(key, tail, expectedVersion, ttl)).isWritten();
    }

    /**
     * Sends a {@link RecordWrite.Replace} and answers the version it reports.
     *
     * @param backend the backend to write to
     * @param key the store key
     * @param record the new bytes
     * @param expectedVersion the version the record must still have
     * @param ttl the time to live
     * @return the new version; empty when not replaced or when the backend does not learn it
     *     ({@link WriteResult#newVersion()})
     */
    public static OptionalLong replaceVersioned(SessionInterface backend, String key, byte[] record, long expectedVersion,
                                                Duration ttl) {
        return backend.write(new RecordWrite.Replace(key, record, expectedVersion, ttl)).newVersion();
    }

    /**
     * Sends a {@link RecordWrite.Append} and answers the version it reports.
     *
     * @param backend the backend to write to
     * @param key the store key
     * @param tail the bytes to add after the stored record
     * @param expectedVersion the version the record must still have
     * @param ttl the time to live
     * @return the new version; empty when not appended or when the backend does not learn it
     */
    public static OptionalLong appendVersioned(SessionInterface backend, String key, byte[] tail, long expectedVersion,
                                               Duration ttl) {
        return backend.write(new RecordWrite.Append(key, tail, expectedVersion, ttl)).newVersion();
    }
}
