package io.github.session4j.reliability;

import io.github.session4j.redis.RedisSessionInterfaceProvider;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisServer;
import io.github.session4j.servers.RedisSideDoor;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.SideDoor;
import java.time.Duration;
import java.util.Map;

/**
 * Redis: the {@code redis-server} of the test JVM ({@link TestServers#redis()}), and one of the
 * test's own for outages. The side door is a Lettuce connection of the test's own and knows the
 * backend's layout (an 8-byte version, then the record).
 */
final class RedisStore extends ServerProcessStore {

    private final SideDoor sideDoor = new RedisSideDoor(RedisConnection.server(server.port()));

    RedisStore() {
        super("redis", TestServers.redis().process(), () -> RedisServer.start("reliability-outage").process(),
                new RedisSessionInterfaceProvider());
    }

    @Override
    Map<String, String> settingsForPort(int port) {
        return Map.of("SESSION_REDIS", "redis://127.0.0.1:" + port);
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_REDIS_COMMAND_TIMEOUT", timeout.toMillis() + "ms");
    }

    /** Yes: its scripts refuse a write that runs after its deadline by the server's {@code TIME}. */
    @Override
    boolean fencesWrites() {
        return true;
    }

    @Override
    SideDoor sideDoor() {
        return sideDoor;
    }
}
