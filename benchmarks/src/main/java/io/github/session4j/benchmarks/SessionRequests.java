package io.github.session4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two benchmark methods every request benchmark has, a read request and a modifying request,
 * over a target that the subclass connects. Each benchmark thread stores a session of its own on
 * its first request (in the warm-up), so no request waits for another one's or loses a race.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 2)
public abstract class SessionRequests {

    private SessionTarget connected;
    private final ThreadLocal<String> ownSession = ThreadLocal.withInitial(() -> connected.newSession());

    /**
     * Connects the target of this benchmark's parameters.
     *
     * @return the connected target
     */
    protected abstract SessionTarget connect();

    /** Connects. */
    @Setup(Level.Trial)
    public void setUp() {
        connected = connect();
    }

    /** Disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() {
        connected.close();
    }

    /**
     * A read request.
     *
     * @return the bytes read
     */
    @Benchmark
    public int read() {
        return connected.read(ownSession.get());
    }

    /**
     * A modifying request.
     *
     * @return the new counter
     */
    @Benchmark
    public long modify() {
        return connected.modify(ownSession.get());
    }
}
