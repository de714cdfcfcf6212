package io.github.session4j.redis;

import io.github.session4j.spi.FenceClock;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Redis server's clock as seen from here, for the write fence: a write carries the latest
 * server time ({@code TIME}, in milliseconds) at which it may still run, and its script refuses
 * it after that ({@link ReplaceScript}), so a write that reaches the server after the client
 * gave up on it (a frozen server, a stalled network) changes nothing. The offset, its
 * re-measurement every 30 s and the margin are the core's {@link FenceClock}; this class feeds
 * it Redis' {@code TIME}.
 */
final class ServerClock implements AutoCloseable {

    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final Duration commandTimeout;
    private final FenceClock fence;

    ServerClock(RedisClusterAsyncCommands<byte[], byte[]> async, Duration commandTimeout) {
        this.async = async;
        this.commandTimeout = commandTimeout;
        this.fence = new FenceClock(this::serverTime, commandTimeout, "session4j-redis-clock");
    }

    /**
     * Measures the offset, then every {@link FenceClock#REMEASURE_EVERY} again.
     *
     * @throws IllegalStateException when {@code TIME} fails or gets no answer in time
     */
    void start() {
        fence.start();
    }

    /**
     * The latest server time, in milliseconds since the epoch by the server's {@code TIME}, at
     * which a write that is about to be sent may still run.
     *
     * @return the deadline for the script
     */
    long writeDeadline() {
        return fence.writeDeadline();
    }

    /**
     * The margin a write keeps before the client gives up ({@link FenceClock#margin()}).
     *
     * @return the margin
     */
    Duration margin() {
        return fence.margin();
    }

    /** Measures again now (also after a reconnect, which may have reached another server). */
    void remeasure() {
        fence.remeasure();
    }

    private Instant serverTime() {
        List<byte[]> time = await(async.time());
        return Instant.ofEpochSecond(Long.parseLong(text(time.get(0))), Long.parseLong(text(time.get(1))) * 1000);
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
        fence.close();
    }
}
