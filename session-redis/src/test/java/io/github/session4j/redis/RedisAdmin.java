package io.github.session4j.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.List;

/**
 * The tests' own Lettuce connection to a server or a cluster, beside the backend's: for side-door
 * reads and writes, {@code INFO}, {@code WAIT} and the like.
 */
final class RedisAdmin implements AutoCloseable {

    private final RedisLink link;

    private RedisAdmin(RedisLink link) {
        this.link = link;
    }

    /**
     * Connects to one server.
     *
     * @param port its loopback port
     * @return the connection
     */
    static RedisAdmin server(int port) {
        ClientResources resources = DefaultClientResources.create();
        RedisClient client = RedisClient.create(resources, RedisURI.create("127.0.0.1", port));
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisAdmin(new RedisLink(connection.sync(), connection.async(), connection, client, resources));
    }

    /**
     * Connects to a cluster.
     *
     * @param ports the loopback ports of some of its nodes
     * @return the connection, routing each key to its master
     */
    static RedisAdmin cluster(List<Integer> ports) {
        ClientResources resources = DefaultClientResources.create();
        RedisClusterClient client = RedisClusterClient.create(resources,
                ports.stream().map(p -> RedisURI.create("127.0.0.1", p)).toList());
        StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        return new RedisAdmin(new RedisLink(connection.sync(), connection.async(), connection, client, resources));
    }

    /**
     * The commands.
     *
     * @return the synchronous commands
     */
    RedisClusterCommands<byte[], byte[]> commands() {
        return link.commands();
    }

    @Override
    public void close() {
        link.close();
    }
}
