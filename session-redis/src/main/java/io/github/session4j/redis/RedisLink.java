package io.github.session4j.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.TimeUnit;

/**
 * An open connection to Redis, standalone (including a Sentinel-managed master) or a cluster, seen
 * through {@link RedisClusterCommands}, the command interface both share, so that every operation
 * has one code path. Owns the client and its threads, and releases them on {@link #close()}.
 */
final class RedisLink implements AutoCloseable {

    private final RedisClusterCommands<byte[], byte[]> commands;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final StatefulConnection<byte[], byte[]> connection;
    private final AbstractRedisClient client;
    private final ClientResources resources;

    RedisLink(RedisClusterCommands<byte[], byte[]> commands, RedisClusterAsyncCommands<byte[], byte[]> async,
            StatefulConnection<byte[], byte[]> connection, AbstractRedisClient client, ClientResources resources) {
        this.commands = commands;
        this.async = async;
        this.connection = connection;
        this.client = client;
        this.resources = resources;
    }

    /**
     * The synchronous commands, with raw byte keys and values; safe for concurrent use.
     *
     * @return the commands
     */
    RedisClusterCommands<byte[], byte[]> commands() {
        return commands;
    }

    /**
     * The asynchronous commands on the same connection, for pipelining; safe for concurrent use.
     *
     * @return the commands
     */
    RedisClusterAsyncCommands<byte[], byte[]> async() {
        return async;
    }

    /**
     * The connection itself, for what needs a node of a cluster ({@link RedisRecordScanner} scans
     * each master).
     *
     * @return the connection: a {@code StatefulRedisClusterConnection} on a cluster
     */
    StatefulConnection<byte[], byte[]> connection() {
        return connection;
    }

    /**
     * Closes the connection, the client and its threads.
     */
    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
