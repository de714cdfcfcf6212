package io.github.session4j.redis;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.ExpiryMode;
import io.github.session4j.testkit.RoundTripCounter;
import io.github.session4j.testkit.SessionInterfaceCompatibilityKit;
import io.github.session4j.testkit.SideDoor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract kit against a three-master Redis Cluster started by the tests, with the round trips
 * summed over every master's {@code INFO commandstats}.
 */
class RedisClusterCompatibilityTest extends SessionInterfaceCompatibilityKit {

    private static RedisConnection cluster;
    private static List<RedisConnection> masters;

    @BeforeAll
    static void connect() {
        cluster = RedisConnection.cluster(TestServers.redisCluster().ports());
        masters = TestServers.redisCluster().ports().stream().map(RedisConnection::server).toList();
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
        masters.forEach(RedisConnection::close);
    }

    @Override
    protected SessionInterfaceProvider provider() {
        return new RedisSessionInterfaceProvider();
    }

    @Override
    protected Map<String, String> backendSettings() {
        return Map.of("SESSION_REDIS", TestServers.redisCluster().uris(), "SESSION_REDIS_CLUSTER", "true",
                "SESSION_REDIS_CONNECT_TIMEOUT", "30s", "SESSION_REDIS_COMMAND_TIMEOUT", "5s");
    }

    @Override
    protected SideDoor sideDoor() {
        return new RedisSideDoor(cluster);
    }

    @Override
    protected ExpiryMode expiryMode() {
        return ExpiryMode.SERVER_TTL;
    }

    @Override
    protected RoundTripCounter roundTripCounter() {
        return new CommandStats(masters);
    }
}
