package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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

    private final List<RedisServer> processes = new ArrayList<>();
    private RedisServer master;
    private RedisServer replica;
    private final List<RedisServer> sentinels = new ArrayList<>();

    @BeforeEach
    void startGroup() {
        master = started(RedisServer.start("sentinel-master"));
        replica = started(RedisServer.start("sentinel-replica", "--replicaof", "127.0.0.1", Integer.toString(master.port())));
        String config = "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2\n"
                // short, so that the test stays bounded: down after 1 s, give up a failover after 5 s
                + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
                + "sentinel failover-timeout " + MASTER_NAME + " 5000\n"
                + "sentinel parallel-syncs " + MASTER_NAME + " 1\n";
        for (int i = 0; i < 3; i++) {
            sentinels.add(started(RedisServer.startWithConfig("sentinel" + i, config, "--sentinel")));
        }
        awaitReplicaInSync();
        awaitSentinelsKnowEachOtherAndTheReplica();
    }

    @AfterEach
    void stopGroup() {
        processes.forEach(RedisServer::close);
    }

    @Test
    void afterTheMasterIsKilledOldSessionsAreReadableAndNewOnesWorkWithoutARestart() {
        String prefix = TestKeys.uniquePrefix();
        String uri = "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
                .collect(Collectors.joining(",")) + "?sentinelMasterId=" + MASTER_NAME;
        try (RedisSessionInterface backend = TestKeys.backend(prefix, Map.of("SESSION_REDIS", uri))) {
            Map<String, byte[]> written = new LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                String key = TestKeys.key(prefix);
                byte[] record = ("before-" + i).getBytes(StandardCharsets.UTF_8);
                assertThat(backend.create(key, record, TTL)).isTrue();
                written.put(key, record);
            }
            String changed = written.keySet().iterator().next();
            byte[] update = "updated-before".getBytes(StandardCharsets.UTF_8);
            assertThat(backend.replace(changed, update, backend.load(changed).orElseThrow().version(), TTL)).isTrue();
            written.put(changed, update);
            waitUntilReplicated();

            master.stop();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(SessionBackendException.class)
                    .until(() -> backend.create(TestKeys.key(prefix), new byte[] {1}, TTL));
            assertThat(currentMasterPort()).isEqualTo(replica.port());
            written.forEach((key, record) ->
                    assertThat(backend.load(key)).as("session written before the failover").hasValueSatisfying(
                            r -> assertThat(r.data()).isEqualTo(record)));

            String fresh = TestKeys.key(prefix);
            assertThat(backend.create(fresh, "after".getBytes(StandardCharsets.UTF_8), TTL)).isTrue();
            long version = backend.load(fresh).orElseThrow().version();
            assertThat(backend.replace(fresh, "after-2".getBytes(StandardCharsets.UTF_8), version, TTL)).isTrue();
            assertThat(backend.loadAndTouch(changed, TTL).orElseThrow().data()).isEqualTo(update);
        }
    }

    private RedisServer started(RedisServer process) {
        processes.add(process);
        return process;
    }

    /** WAIT on the master: a marker write acknowledged by the replica means every earlier write is too. */
    private void waitUntilReplicated() {
        try (RedisConnection admin = RedisConnection.server(master.port())) {
            admin.commands().set("replication-marker".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            assertThat(admin.commands().waitForReplication(1, 5000)).as("replicas that acknowledged").isEqualTo(1L);
        }
    }

    private void awaitReplicaInSync() {
        try (RedisConnection admin = RedisConnection.server(replica.port())) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> admin.commands().info("replication").contains("master_link_status:up"));
        }
    }

    private void awaitSentinelsKnowEachOtherAndTheReplica() {
        for (RedisServer sentinel : sentinels) {
            withSentinel(sentinel, connection -> await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, String> state = connection.sync().master(MASTER_NAME);
                return "2".equals(state.get("num-other-sentinels")) && "1".equals(state.get("num-slaves"));
            }));
        }
    }

    private int currentMasterPort() {
        int[] port = new int[1];
        withSentinel(sentinels.get(0),
                connection -> port[0] = ((java.net.InetSocketAddress) connection.sync().getMasterAddrByName(MASTER_NAME)).getPort());
        return port[0];
    }

    private static void withSentinel(RedisServer sentinel,
            java.util.function.Consumer<StatefulRedisSentinelConnection<String, String>> action) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinel.port()));
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            action.accept(connection);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
