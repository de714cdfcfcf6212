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
 * session4j's 1 KB read and modifying requests while the store holds {@code population} live
 * sessions, which {@code scripts/bench.sh} bulk-loads with {@link Populate} before the run. The
 * setup checks that the store really holds that many, so the label cannot lie.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
public class ScaleBenchmark {

    /** The session4j backend. */
    @Param({"redis", "jdbc", "filesystem"})
    public String backend;

    /** Live sessions the store holds (at least). */
    @Param({"10000"})
    public long population;

    private Session4jTarget connected;
    private long found;

    /** Connects session4j and checks the population. */
    @Setup(Level.Trial)
    public void connect() {
        connected = (Session4jTarget) Targets.open("session4j-" + backend, 1024);
        found = Population.count(backend);
        if (found < population) {
            connected.close();
            throw new IllegalStateException("the " + backend + " store holds " + found + " sessions, fewer than population="
                    + population + ": load them first with Populate (scripts/bench.sh does)");
        }
    }

    /** Disconnects. */
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
        public void create(ScaleBenchmark benchmark) {
            handle = benchmark.connected().newSession();
        }
    }
}
