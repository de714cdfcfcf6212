package io.github.session4j.redis;

import io.github.session4j.SessionBackendException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the connection described by {@link RedisSettings} and checks it before the application
 * starts: connect, {@code PING} and a version check, all within the connect timeout.
 *
 * <p>The client is set up to fail fast rather than queue: while the connection is down, commands
 * are rejected at once ({@link DisconnectedBehavior#REJECT_COMMANDS}) and a command that gets no
 * answer fails after the command timeout, so request threads never pile up behind a dead Redis.
 * Lettuce reconnects by itself in the background (after 50 ms, backing off to 1 s between
 * attempts), so the backend recovers without a restart when Redis returns.
 */
final class RedisConnector {

    /** GETEX, which makes a read that refreshes the expiry one command, came with Redis 6.2. */
    static final int[] MINIMUM_VERSION = {6, 2};

    private static final Pattern VERSION = Pattern.compile("redis_version:(\\d+)\\.(\\d+)[^\\r\\n]*");

    private final RedisSettings settings;

    RedisConnector(RedisSettings settings) {
        this.settings = settings;
    }

    /**
     * Connects and checks the server.
     *
     * @return the open link
     * @throws SessionBackendException when Redis cannot be reached, refuses the connection or is
     *     too old, within the connect timeout
     */
    RedisLink connect() {
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        AbstractRedisClient client = null;
        RedisLink link = null;
        try {
            // the clock starts after the (slow, cold-JVM) set-up of the client's threads: it bounds the I/O
            long deadline;
            if (settings.cluster()) {
                RedisClusterClient clusterClient = RedisClusterClient.create(resources, settings.uris());
                client = clusterClient;
                clusterClient.setOptions(clusterOptions());
                deadline = System.nanoTime() + settings.connectTimeout().toNanos();
                await(clusterClient.refreshPartitionsAsync(), deadline); // the slot map, within the deadline
                StatefulRedisClusterConnection<byte[], byte[]> connection =
                        await(clusterClient.connectAsync(ByteArrayCodec.INSTANCE), deadline);
                link = new RedisLink(connection.sync(), connection.async(), connection, clusterClient, resources);
                check(connection.async(), deadline);
            } else {
                RedisClient redisClient = RedisClient.create(resources);
                client = redisClient;
                redisClient.setOptions(options());
                deadline = System.nanoTime() + settings.connectTimeout().toNanos();
                StatefulRedisConnection<byte[], byte[]> connection =
                        await(redisClient.connectAsync(ByteArrayCodec.INSTANCE, settings.uris().get(0)), deadline);
                link = new RedisLink(connection.sync(), connection.async(), connection, redisClient, resources);
                check(connection.async(), deadline);
            }
            return link;
        } catch (RuntimeException e) {
            if (link != null) {
                link.close();
            } else {
                if (client != null) {
                    client.shutdown(0, 2, TimeUnit.SECONDS);
                }
                resources.shutdown(0, 2, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    private ClientOptions options() {
        return failFast(ClientOptions.builder()).build();
    }

    private ClusterClientOptions clusterOptions() {
        return failFast(ClusterClientOptions.builder())
                // refresh the slot map when Redis redirects us or a node keeps failing, not on a timer
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
                .build();
    }

    /**
     * Reject while disconnected, reconnect in the background. The command timeout is the waiting
     * caller's: every command is awaited with it (the synchronous API with the URI's timeout,
     * {@link StagedReplace} with its own bound), which fails the request and cancels the command.
     * Lettuce's {@link TimeoutOptions} would enforce the same bound a second time, with a timer
     * task scheduled and cancelled on another thread for every command.
     */
    private <B extends ClientOptions.Builder> B failFast(B builder) {
        builder.autoReconnect(true);
        builder.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
        builder.socketOptions(socketOptions());
        builder.sslOptions(sslOptions());
        builder.timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build());
        return builder;
    }

    private SslOptions sslOptions() {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        if (settings.tlsCaFile() != null) {
            ssl.trustManager(settings.tlsCaFile().toFile());
        }
        return ssl.build();
    }

    private SocketOptions socketOptions() {
        return SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
    }

    private void check(RedisClusterAsyncCommands<byte[], byte[]> async, long deadline) {
        await(async.ping(), deadline);
        String info = await(async.info("server"), deadline);
        Matcher m = VERSION.matcher(info);
        if (!m.find()) {
            return; // a Redis-compatible server that does not report a version: let it prove itself
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < MINIMUM_VERSION[0] || major == MINIMUM_VERSION[0] && minor < MINIMUM_VERSION[1]) {
            throw new SessionBackendException("Redis at " + settings.target() + " is version "
                    + m.group().substring("redis_version:".length()).trim()
                    + " but session4j needs Redis 6.2 or newer (it reads and refreshes a session with GETEX):"
                    + " upgrade the server");
        }
    }

    private <T> T await(CompletionStage<T> stage, long deadline) {
        long remaining = deadline - System.nanoTime();
        try {
            return stage.toCompletableFuture().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stage.toCompletableFuture().cancel(true);
            throw unreachable("no answer", e);
        } catch (ExecutionException e) {
            throw unreachable(describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted", e);
        }
    }

    private SessionBackendException unreachable(String reason, Throwable cause) {
        return new SessionBackendException("Could not connect to Redis at " + settings.target() + " within "
                + Durations.format(settings.connectTimeout()) + " (" + RedisSettings.CONNECT_TIMEOUT.key() + "): " + reason
                + ". Check that Redis is running and reachable there, and the host, port, password and TLS"
                + " scheme in " + RedisSettings.REDIS.key(), cause);
    }

    /** The first and the innermost message of a cause chain, which together say what failed. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = String.valueOf(e.getMessage());
        return root == e || outer.contains(String.valueOf(root.getMessage()))
                ? outer : outer + " (" + root.getMessage() + ")";
    }
}
