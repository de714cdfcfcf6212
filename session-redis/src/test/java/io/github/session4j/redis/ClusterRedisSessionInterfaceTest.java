package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same SPI tests against a three-master Redis Cluster, and that keys spread over all masters. */
class ClusterRedisSessionInterfaceTest extends AbstractRedisSessionInterfaceTest {

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestRedis.cluster().uris(), "SESSION_REDIS_CLUSTER", "true");
    }

    @Override
    RedisAdmin admin() {
        return RedisAdmin.cluster(TestRedis.cluster().ports());
    }

    @Test
    void sessionsSpreadOverEveryMasterAndAreCountedOnAll() {
        for (int i = 0; i < 60; i++) {
            backend.create(TestKeys.key(prefix), RECORD, TTL);
        }

        for (int port : TestRedis.cluster().ports()) {
            try (RedisAdmin node = RedisAdmin.server(port)) {
                assertThat(node.commands().dbsize()).as("keys on the master at port %d", port).isPositive();
            }
        }
        assertThat(backend.countLive()).isEqualTo(60);
    }
}
