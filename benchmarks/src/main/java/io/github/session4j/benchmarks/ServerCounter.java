package io.github.session4j.benchmarks;

import java.util.Map;

/**
 * A store's own statistics, read from the server: what {@link RoundTrips} turns into round trips
 * per request.
 */
interface ServerCounter extends AutoCloseable {

    /**
     * The server's counters now.
     *
     * @return counter name to value
     */
    Map<String, Long> snapshot();

    /**
     * The round trips among a delta of {@link #snapshot()}s.
     *
     * @param delta counter name to its increase
     * @return the round trips (commands or transactions, as the store counts them)
     */
    long roundTrips(Map<String, Long> delta);

    /**
     * How long the server needs after the clients closed before its counters include them.
     *
     * @return milliseconds
     */
    default long settleMillis() {
        return 0;
    }

    @Override
    default void close() {
    }
}
