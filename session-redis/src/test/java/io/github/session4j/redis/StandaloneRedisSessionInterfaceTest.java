package io.github.session4j.redis;

import java.util.Map;

/** The SPI tests against one standalone {@code redis-server}. */
class StandaloneRedisSessionInterfaceTest extends AbstractRedisSessionInterfaceTest {

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestRedis.standalone().uri());
    }

    @Override
    RedisAdmin admin() {
        return RedisAdmin.server(TestRedis.standalone().port());
    }
}
