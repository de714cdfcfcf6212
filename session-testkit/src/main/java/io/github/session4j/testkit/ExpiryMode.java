package io.github.session4j.testkit;

/**
 * How a backend makes records expire, which decides how the kit tests expiry.
 */
public enum ExpiryMode {

    /**
     * The server removes records by real time (Redis, memcached). The kit uses short real TTLs of
     * two seconds (memcached has a granularity of one second) and waits with Awaitility.
     */
    SERVER_TTL,

    /**
     * The backend decides expiry itself from {@code BackendContext.clock()} (JDBC, MongoDB, the
     * file system, the in-process memory backend). The kit moves its injected
     * {@link MutableClock}; the store may still hold an expired record, but
     * {@code load} never returns it. Such a backend must take "now" from the configured clock for
     * every expiry decision: the load filter and every computed expiry instant.
     */
    CLOCK
}
