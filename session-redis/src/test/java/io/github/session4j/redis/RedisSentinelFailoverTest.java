package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.RedisSentinelGroup;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sentinel: one master, one replica and three sentinels on loopback. The master is killed mid-run;
 * after the failover the same backend, never restarted, reads the sessions written before the
 * kill from the promoted replica and writes new ones.
 */
class RedisSentinelFailoverTest {

    private static final String MASTER_NAME = "mymaster";
    private static final Duration TTL = Duration.ofMinutes(5);

    private RedisSentinelGroup group;

    @BeforeEach
    void startGroup() {
        group = RedisSentinelGroup.start(MASTER_NAME);
    }

    @AfterEach
    void stopGroup() {
        group.close();
    }

    @Test
    void afterTheMasterIsKilledOldSessionsAreReadableAndNewOnesWorkWithoutARestart() {
        String prefix = TestKeys.uniquePrefix();
        try (RedisSessionInterface backend = TestKeys.backend(prefix, Map.of("SESSION_REDIS", group.uri()))) {
            Map<String, byte[]> written = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                String key = TestKeys.key(prefix);
                byte[] record = ("before-" + i).getBytes(StandardCharsets.UTF_8);
                assertThat(Writes.create(backend, key, record, TTL)).isTrue();
                written.put(key, record);
            }
            String changed = written.keySet().iterator().next();
            byte[] update = "updated-before".getBytes(StandardCharsets.UTF_8);
            assertThat(Writes.replace(backend, changed, update, backend.load(changed).orElseThrow().version(), TTL)).isTrue();
            written.put(changed, update);
            assertThat(group.waitUntilReplicated()).as("replicas that acknowledged").isEqualTo(1L);

            group.master().stop();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(SessionBackendException.class)
                    .until(() -> Writes.create(backend, TestKeys.key(prefix), new byte[] {1}, TTL));
            assertThat(group.currentMasterPort()).isEqualTo(group.replica().port());
            written.forEach((key, record) ->
                    assertThat(backend.load(key)).as("session written before the failover").hasValueSatisfying(
                            r -> assertThat(r.data()).isEqualTo(record)));

            String fresh = TestKeys.key(prefix);
            assertThat(Writes.create(backend, fresh, "after".getBytes(StandardCharsets.UTF_8), TTL)).isTrue();
            long version = backend.load(fresh).orElseThrow().version();
            assertThat(Writes.replace(backend, fresh, "after-2".getBytes(StandardCharsets.UTF_8), version, TTL)).isTrue();
            assertThat(backend.loadAndTouch(changed, TTL).orElseThrow().data()).isEqualTo(update);
        }
    }
}
