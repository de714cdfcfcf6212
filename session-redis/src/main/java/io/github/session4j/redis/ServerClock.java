package io.github.session4j.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The Redis server's clock as seen from here, for the write fence: a write carries the latest
 * server time ({@code TIME}, in milliseconds) at which it may still run, and its script refuses
 * it after that ({@link ReplaceScript}), so a write that reaches the server after the client
 * gave up on it (a frozen server, a stalled network) changes nothing.
 *
 * <p>The offset between this process' monotonic clock ({@link System#nanoTime()}, immune to steps
 * of the wall clock here) and the server's {@code TIME} is measured on connect, as the best of
 * {@link #SAMPLES} {@code TIME} round trips (the one with the shortest round trip; the server's
 * answer is placed at its middle, so the error is at most half that round trip), and measured
 * again every {@link #REMEASURE_EVERY} on a daemon thread of its own, outside every request.
 * A re-measurement that fails (Redis down) keeps the last offset.
 *
 * <p>The deadline a write carries is {@code server now + command timeout − margin}, where the
 * margin ({@link #margin()}) is {@link #GUARD} plus the measurement's error, at most half the
 * command timeout. The client gives up on a command after the command timeout, so a script that
 * passes the check ran at least {@code margin − error} before the client would give up: the
 * reply has that long to reach the client.
 */
final class ServerClock implements AutoCloseable {

    /** Round trips of {@code TIME} per measurement; the shortest wins. */
    static final int SAMPLES = 3;

    /** How often the offset is measured again. */
    static final Duration REMEASURE_EVERY = Duration.ofSeconds(30);

    /** Time left for the reply of a write that ran just before its deadline, and for clock drift. */
    static final Duration GUARD = Duration.ofMillis(100);

    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final Duration commandTimeout;
    private final ScheduledExecutorService timer;
    private volatile Offset offset;

    /** Server milliseconds at a local {@code nanoTime}, and the measurement's error. */
    private record Offset(long localNanos, double serverMillis, double errorMillis) {
    }

    ServerClock(RedisClusterAsyncCommands<byte[], byte[]> async, Duration commandTimeout) {
        this.async = async;
        this.commandTimeout = commandTimeout;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "session4j-redis-clock");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /**
     * Measures the offset, then every {@link #REMEASURE_EVERY} again.
     *
     * @throws IllegalStateException when {@code TIME} fails or gets no answer in time
     */
    void start() {
        offset = measure();
        long every = REMEASURE_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::remeasure, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The latest server time, in milliseconds since the epoch by the server's {@code TIME}, at
     * which a write that is about to be sent may still run.
     *
     * @return the deadline for the script
     */
    long writeDeadline() {
        Offset o = offset;
        double serverNow = o.serverMillis() + (System.nanoTime() - o.localNanos()) / 1e6;
        return (long) Math.floor(serverNow + commandTimeout.toMillis() - marginMillis(o));
    }

    /**
     * The margin a write keeps before the client gives up: {@link #GUARD} plus the current
     * measurement's error, at most half the command timeout.
     *
     * @return the margin
     */
    Duration margin() {
        return Duration.ofMillis((long) Math.ceil(marginMillis(offset)));
    }

    private double marginMillis(Offset o) {
        return Math.min(GUARD.toMillis() + o.errorMillis(), commandTimeout.toMillis() / 2.0);
    }

    /** Measures again now (also after a reconnect, which may have reached another server). */
    void remeasure() {
        try {
            offset = measure();
        } catch (RuntimeException e) {
            // keep the last offset: the next write fails on its own if Redis is down
        }
    }

    private Offset measure() {
        Offset best = null;
        for (int i = 0; i < SAMPLES; i++) {
            long before = System.nanoTime();
            List<byte[]> time = await(async.time());
            long after = System.nanoTime();
            double serverMillis = Long.parseLong(text(time.get(0))) * 1000.0 + Long.parseLong(text(time.get(1))) / 1000.0;
            double errorMillis = (after - before) / 2e6;
            Offset sample = new Offset(before + (after - before) / 2, serverMillis, errorMillis);
            if (best == null || sample.errorMillis() < best.errorMillis()) {
                best = sample;
            }
        }
        return best;
    }

    private <T> T await(io.lettuce.core.RedisFuture<T> future) {
        try {
            return future.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("TIME got no answer within " + Durations.format(commandTimeout), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("TIME failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the server's clock", e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Stops the re-measurements. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
