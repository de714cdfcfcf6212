package io.github.session4j.testkit;

/**
 * A monotonically increasing count of the commands the store has seen, read before and after a
 * request to check the round-trip budget of DESIGN.md §5 with a delta.
 *
 * <p>The kit's default counts calls through the backend SPI ({@link CountingSessionInterface}).
 * A backend may count on the server instead: Redis {@code INFO commandstats}, memcached
 * {@code stats}, or a counting hook in the driver. Such a count must be up to date when
 * {@link #count()} returns, and must not include the commands that {@code count()} itself sends.
 */
@FunctionalInterface
public interface RoundTripCounter {

    /**
     * The number of commands seen so far.
     *
     * @return the count; only differences between two calls matter
     */
    long count();
}
