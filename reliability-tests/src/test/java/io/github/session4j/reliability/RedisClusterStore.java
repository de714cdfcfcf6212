package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.redis.RedisSessionInterfaceProvider;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Redis Cluster: the test JVM's cluster of redis-server processes ({@link TestServers#redisCluster()}),
 * with {@code SESSION_REDIS_CLUSTER=true}. Used by the tests of sessions by user only
 * ({@link Stores#indexing()}), where Cluster differs from a single server: a record and its
 * principal's index entry live in different hash slots. The side door is a cluster connection of
 * the test's own.
 */
final class RedisClusterStore extends Store {

    private final SideDoor sideDoor = new RedisSideDoor(RedisConnection.cluster(TestServers.redisCluster().ports()));

    @Override
    String label() {
        return "redis-cluster";
    }

    @Override
    String type() {
        return "redis";
    }

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestServers.redisCluster().uris(), "SESSION_REDIS_CLUSTER", "true",
                "SESSION_REDIS_CONNECT_TIMEOUT", "30s", "SESSION_REDIS_COMMAND_TIMEOUT", "5s");
    }

    @Override
    boolean followsConfigClock() {
        return false;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_REDIS_COMMAND_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        RedisSessionInterfaceProvider provider = new RedisSessionInterfaceProvider();
        return provider.create(BackendContext.validate(provider, config, clock));
    }

    @Override
    SideDoor sideDoor() {
        return sideDoor;
    }
}
