package io.github.session4j.redis;

import io.github.session4j.servers.TestServers;
import io.github.session4j.testkit.RecordScannerContract;
import java.util.Map;

/** Redis lists its records with SCAN, on the shared server under a prefix of each test's own. */
class RedisRecordScannerTest extends RecordScannerContract {

    @Override
    protected Map<String, String> settings() {
        return Map.of("SESSION_TYPE", "redis", "SESSION_REDIS", TestServers.redis().uri());
    }
}
