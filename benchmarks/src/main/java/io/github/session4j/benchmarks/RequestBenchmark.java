package io.github.session4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second of every target, for a read request and a modifying request, by session
 * size. The thread count (1 and 8) is JMH's {@code -t}, set by {@code scripts/bench.sh}. Every
 * thread has a session of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
public class RequestBenchmark {

    /** Which target (see {@link Targets#ALL}). */
    @Param({"session4j-redis", "raw-redis", "spring-redis", "spring-redis-indexed",
            "session4j-memcached", "raw-memcached",
            "session4j-mongodb", "raw-mongodb",
            "session4j-jdbc", "raw-jdbc", "spring-jdbc",
            "session4j-filesystem", "raw-filesystem"})
    public String target;

    /** Bytes of {@code data} in the session. */
    @Param({"1024", "10240", "102400"})
    public int size;

    private SessionTarget connected;

    /** Connects the target. */
    @Setup(Level.Trial)
    public void connect() {
        connected = Targets.open(target, size);
    }

    /** Disconnects it. */
    @TearDown(Level.Trial)
    public void disconnect() {
        connected.close();
    }

    /**
     * A read request.
     *
     * @param session this thread's session
     * @return the bytes read
     */
    @Benchmark
    public int read(OwnSession session) {
        return connected.read(session.handle);
    }

    /**
     * A modifying request.
     *
     * @param session this thread's session
     * @return the new counter
     */
    @Benchmark
    public long modify(OwnSession session) {
        return connected.modify(session.handle);
    }

    SessionTarget connected() {
        return connected;
    }

    /** The session of one benchmark thread. */
    @State(Scope.Thread)
    public static class OwnSession {
        String handle;

        /**
         * Stores this thread's session.
         *
         * @param benchmark the connected benchmark
         */
        @Setup(Level.Trial)
        public void create(RequestBenchmark benchmark) {
            handle = benchmark.connected().newSession();
        }
    }
}
