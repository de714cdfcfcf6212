package io.github.session4j.redis;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import java.util.Map;

/** The SPI tests against one standalone {@code redis-server}. */
class StandaloneRedisSessionInterfaceTest extends AbstractRedisSessionInterfaceTest {

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestServers.redis().uri());
    }

    @Override
    RedisConnection admin() {
        return RedisConnection.server(TestServers.redis().port());
    }
}
