package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.Writes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same SPI tests against a three-master Redis Cluster, that keys spread over all masters, and
 * that start-up loads the scripts on each of them.
 */
class ClusterRedisSessionInterfaceTest extends AbstractRedisSessionInterfaceTest {

    @Override
    Map<String, String> settings() {
        return Map.of("SESSION_REDIS", TestServers.redisCluster().uris(), "SESSION_REDIS_CLUSTER", "true");
    }

    @Override
    RedisConnection admin() {
        return RedisConnection.cluster(TestServers.redisCluster().ports());
    }

    @Test
    void sessionsSpreadOverEveryMasterAndAreCountedOnAll() {
        for (int i = 0; i < 60; i++) {
            Writes.create(backend, TestKeys.key(prefix), RECORD, TTL);
        }

        for (int port : TestServers.redisCluster().ports()) {
            try (RedisConnection node = RedisConnection.server(port)) {
                assertThat(node.commands().dbsize()).as("keys on the master at port %d", port).isPositive();
            }
        }
        assertThat(backend.countLive()).isEqualTo(60);
    }

    @Test
    void startUpLoadsEveryScriptOnEveryMaster() {
        for (int port : TestServers.redisCluster().ports()) {
            try (RedisConnection node = RedisConnection.server(port)) {
                node.commands().scriptFlush();
            }
        }

        RedisSessionInterface started = TestKeys.backend(TestKeys.uniquePrefix(), settings());
        try {
            for (int port : TestServers.redisCluster().ports()) {
                try (RedisConnection node = RedisConnection.server(port)) {
                    assertThat(node.commands().scriptExists(ReplaceScript.INLINE.sha(), ReplaceScript.STAGED.sha(),
                            ReplaceScript.APPEND.sha())).as("scripts on the master at port %d", port).containsOnly(true);
                    assertThat(node.commands().scriptExists(IndexScripts.ALL.stream().map(ReplaceScript::sha).toArray(String[]::new)))
                            .as("principal index scripts on the master at port %d", port).containsOnly(true);
                }
            }
        } finally {
            started.close();
        }
    }
}
