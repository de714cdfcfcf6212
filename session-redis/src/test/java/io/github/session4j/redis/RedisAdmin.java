package io.github.session4j.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tests' own Lettuce connection to a server or a cluster, beside the backend's: for side-door
 * reads and writes, {@code INFO}, {@code WAIT} and the like.
 */
final class RedisAdmin implements AutoCloseable {

    private final AbstractRedisClient client;
    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterCommands<byte[], byte[]> commands;

    private RedisAdmin(AbstractRedisClient client, StatefulConnection<byte[], byte[]> connection,
            RedisClusterCommands<byte[], byte[]> commands) {
        this.client = client;
        this.connection = connection;
        this.commands = commands;
    }

    /**
     * Connects to one server.
     *
     * @param port its loopback port
     * @return the connection
     */
    static RedisAdmin server(int port) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisAdmin(client, connection, connection.sync());
    }

    /**
     * Connects to a cluster.
     *
     * @param ports the loopback ports of some of its nodes
     * @return the connection, routing each key to its master
     */
    static RedisAdmin cluster(List<Integer> ports) {
        RedisClusterClient client = RedisClusterClient.create(
                ports.stream().map(p -> RedisURI.create("127.0.0.1", p)).toList());
        StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisAdmin(client, connection, connection.sync());
    }

    /**
     * The commands.
     *
     * @return the synchronous commands
     */
    RedisClusterCommands<byte[], byte[]> commands() {
        return commands;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
