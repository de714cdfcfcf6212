package io.github.session4j.servers;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tests' own Lettuce connection to a server or a cluster, beside the backend's: for side-door
 * reads and writes, {@code INFO}, {@code WAIT} and the like.
 */
public final class RedisConnection implements AutoCloseable {

    private final RedisClusterCommands<byte[], byte[]> commands;
    private final StatefulConnection<byte[], byte[]> connection;
    private final AbstractRedisClient client;
    private final ClientResources resources;

    private RedisConnection(RedisClusterCommands<byte[], byte[]> commands, StatefulConnection<byte[], byte[]> connection,
            AbstractRedisClient client, ClientResources resources) {
        this.commands = commands;
        this.connection = connection;
        this.client = client;
        this.resources = resources;
    }

    /**
     * Connects to one server.
     *
     * @param port its loopback port
     * @return the connection
     */
    public static RedisConnection server(int port) {
        ClientResources resources = DefaultClientResources.create();
        RedisClient client = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisConnection(connection.sync(), connection, client, resources);
    }

    /**
     * Connects to a cluster.
     *
     * @param ports the loopback ports of some of its nodes
     * @return the connection, routing each key to its master
     */
    public static RedisConnection cluster(List<Integer> ports) {
        ClientResources resources = DefaultClientResources.create();
        RedisClusterClient client = RedisClusterClient.create(resources,
                ports.stream().map(p -> RedisURI.create("127.0.0.1", p)).toList());
        StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisConnection(connection.sync(), connection, client, resources);
    }

    /**
     * The commands.
     *
     * @return the synchronous commands
     */
    public RedisClusterCommands<byte[], byte[]> commands() {
        return commands;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
