package io.github.session4j.spi;

/**
 * A {@link SessionCounter} whose {@link #countLive()} is cheap enough to call on every scrape of a
 * metrics endpoint: no round trip that scans the store. A metrics binder shows a live-sessions
 * gauge only for a backend that has this capability, and never scans a store per scrape.
 *
 * <p>Of the first-party backends only {@code memory} has it (it counts its own map, in process,
 * with no I/O). Redis ({@code SCAN}), JDBC ({@code COUNT(*)} over the table), MongoDB
 * ({@code countDocuments}), the filesystem (a directory walk) and DynamoDB (a scan) can count, but
 * only with work that grows with the store; memcached cannot count at all. Their counts stay an
 * admin tool's ({@link SessionCounter}), run on demand.
 */
public interface CheapSessionCounter extends SessionCounter {
}
