package io.github.session4j.spi;

import java.time.Duration;

/**
 * Optional capability of a backend that can tell, in one round trip that carries no record
 * bytes, whether a record still has a version the caller already holds, and whose writes report
 * the version they gave the record: every {@link RecordWrite.Replace} and {@link RecordWrite.Append}
 * it takes is answered with {@link WriteResult#written(long)}, never with
 * {@link WriteResult#writtenVersionUnknown()}.
 *
 * <p>With it, the core can keep recently used large records in this JVM
 * ({@code SESSION_RECORD_CACHE}, which needs this capability: on a backend without it, start-up
 * fails) and read them again by version: a request on a session whose
 * record is unchanged then moves a few bytes instead of the whole record, and still sees every
 * change made elsewhere, because the store decides on each read.
 *
 * <p>The core relies on versions identifying bytes: a key must never hold two different records
 * under the same version, not even after a delete and a create. A random 64-bit version drawn for
 * every write, or a counter that a re-created row continues, satisfies this.
 */
public interface RecordRevalidator {

    /**
     * Reads the record under {@code key} unless the live record there still has {@code version}.
     * With {@code ttl} given, the record's time to live is also set, as
     * {@link SessionInterface#loadAndTouch} does; with {@code null}, nothing is written, as
     * {@link SessionInterface#load}.
     *
     * <p>Unchanged costs one round trip. Changed costs what a load costs; a backend may take a
     * second round trip for it rather than move the record through a slower path.
     *
     * @param key the store key
     * @param version the version of the copy the caller holds
     * @param ttl the new time to live, or {@code null} to leave it
     * @return unchanged, or the record as a load would return it
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    Revalidation revalidate(String key, long version, Duration ttl);
}
