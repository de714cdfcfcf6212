package io.github.session4j.redis;

import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.RecordScannerContract;
import java.util.Map;

/** A Redis Cluster lists its records master by master. */
class ClusterRedisRecordScannerTest extends RecordScannerContract {

    @Override
    protected Map<String, String> settings() {
        return Map.of("SESSION_TYPE", "redis", "SESSION_REDIS", TestServers.redisCluster().uris(), "SESSION_REDIS_CLUSTER", "true");
    }
}
