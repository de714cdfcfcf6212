package io.github.session4j.benchmarks;

import org.openjdk.jmh.annotations.Param;

/**
 * Requests per second of every target, for a read request and a modifying request, by session
 * size. The thread count (1 and 8) is JMH's {@code -t}, set by {@code scripts/bench.sh}.
 */
public class RequestBenchmark extends SessionRequests {

    /** Which target (see {@link Targets#ALL}). */
    @Param({"session4j-redis", "session4j-redis-delta", "session4j-redis-delta-cached", "raw-redis", "spring-redis", "spring-redis-indexed",
            "session4j-memcached", "raw-memcached",
            "session4j-mongodb", "raw-mongodb",
            "session4j-dynamodb", "raw-dynamodb",
            "session4j-jdbc", "session4j-jdbc-delta", "session4j-jdbc-delta-cached", "raw-jdbc", "spring-jdbc",
            "session4j-filesystem", "raw-filesystem"})
    public String target;

    /** Bytes of {@code data} in the session. */
    @Param({"1024", "10240", "102400"})
    public int size;

    @Override
    protected SessionTarget connect() {
        return Targets.open(target, size);
    }
}
