package io.github.session4j.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A store server's clock as seen from this process, for a backend's write fence (DESIGN.md §11):
 * a write carries the latest server time at which it may still run, and the store refuses it
 * after that (a Redis script that reads {@code TIME}, a MongoDB filter on {@code $$NOW}), so that
 * a write that reaches the server after the client gave up on it (a frozen server, a stalled
 * network) changes nothing.
 *
 * <p>The offset between this process' monotonic clock ({@link System#nanoTime()}, immune to steps
 * of the wall clock here) and the server's clock is measured on {@link #start()}, as the best of
 * {@link #SAMPLES} round trips of the backend's time query (the one with the shortest round trip;
 * the server's answer is placed at its middle, so the error is at most half that round trip), and
 * again every {@link #REMEASURE_EVERY} on a daemon thread of its own, outside every request. A
 * re-measurement that fails (the server is down) keeps the last offset.
 *
 * <p>The deadline a write carries is {@code server now + timeout − margin}, where the margin
 * ({@link #margin()}) is {@link #GUARD} plus the measurement's error, at most half the timeout.
 * The client gives up on a command after the timeout, so a write that passes the check ran at
 * least {@code margin − error} before the client would give up: its reply has that long to
 * arrive.
 */
public final class FenceClock implements AutoCloseable {

    /** Round trips of the time query per measurement; the shortest wins. */
    public static final int SAMPLES = 3;

    /** How often the offset is measured again. */
    public static final Duration REMEASURE_EVERY = Duration.ofSeconds(30);

    /** Time left for the reply of a write that ran just before its deadline, and for clock drift. */
    public static final Duration GUARD = Duration.ofMillis(100);

    private final Supplier<Instant> serverTime;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private volatile Offset offset;

    /** Server milliseconds at a local {@code nanoTime}, and the measurement's error. */
    private record Offset(long localNanos, double serverMillis, double errorMillis) {
    }

    /**
     * A clock that is not measured yet: call {@link #start()}.
     *
     * @param serverTime one round trip that answers the server's current time (Redis {@code TIME},
     *     MongoDB's {@code isMaster} {@code localTime}); it throws when the server does not answer
     * @param timeout how long the client waits for a command before it gives up, positive
     * @param threadName the name of the re-measuring daemon thread, such as {@code session4j-redis-clock}
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public FenceClock(Supplier<Instant> serverTime, Duration timeout, String threadName) {
        this.serverTime = Objects.requireNonNull(serverTime, "serverTime");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive, was " + timeout);
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /**
     * Measures the offset, then every {@link #REMEASURE_EVERY} again.
     *
     * @throws RuntimeException what the time query threw, when the server does not answer
     */
    public void start() {
        offset = measure();
        long every = REMEASURE_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::remeasure, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The latest server time, in milliseconds since the epoch by the server's clock, at which a
     * write that is about to be sent may still run.
     *
     * @return the deadline for the store to check
     * @throws IllegalStateException before {@link #start()}
     */
    public long writeDeadline() {
        Offset o = current();
        double serverNow = o.serverMillis() + (System.nanoTime() - o.localNanos()) / 1e6;
        return (long) Math.floor(serverNow + timeout.toMillis() - marginMillis(o));
    }

    /**
     * The margin a write keeps before the client gives up: {@link #GUARD} plus the current
     * measurement's error, at most half the timeout.
     *
     * @return the margin
     * @throws IllegalStateException before {@link #start()}
     */
    public Duration margin() {
        return Duration.ofMillis((long) Math.ceil(marginMillis(current())));
    }

    /** Measures again now (also after a reconnect, which may have reached another server); keeps the last offset on failure. */
    public void remeasure() {
        try {
            offset = measure();
        } catch (RuntimeException e) {
            // keep the last offset: the next write fails on its own if the server is down
        }
    }

    private Offset current() {
        Offset o = offset;
        if (o == null) {
            throw new IllegalStateException("the server's clock was not measured yet: call start() first");
        }
        return o;
    }

    private double marginMillis(Offset o) {
        return Math.min(GUARD.toMillis() + o.errorMillis(), timeout.toMillis() / 2.0);
    }

    private Offset measure() {
        Offset best = null;
        for (int i = 0; i < SAMPLES; i++) {
            long before = System.nanoTime();
            Instant server = serverTime.get();
            long after = System.nanoTime();
            double serverMillis = server.getEpochSecond() * 1000.0 + server.getNano() / 1e6;
            Offset sample = new Offset(before + (after - before) / 2, serverMillis, (after - before) / 2e6);
            if (best == null || sample.errorMillis() < best.errorMillis()) {
                best = sample;
            }
        }
        return best;
    }

    /** Stops the re-measurements. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
