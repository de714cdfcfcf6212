package io.github.session4j.servers;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Redis Sentinel group on loopback: one master, one replica and three sentinels
 * ({@code redis-server --sentinel} with a config file each), with short timeouts (a master is
 * down after 1 s, a failover gives up after 5 s) so that a failover test stays bounded. Each
 * group is a test's own: the test kills the master.
 */
public final class RedisSentinelGroup implements AutoCloseable {

    private final String masterName;
    private final List<RedisServer> processes = new ArrayList<>();
    private final RedisServer master;
    private final RedisServer replica;
    private final List<RedisServer> sentinels = new ArrayList<>();

    private RedisSentinelGroup(String masterName) {
        this.masterName = masterName;
        master = started(RedisServer.start("sentinel-master"));
        replica = started(RedisServer.start("sentinel-replica", "--replicaof", "127.0.0.1",
                Integer.toString(master.port())));
        String config = "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 2\n"
                + "sentinel down-after-milliseconds " + masterName + " 1000\n"
                + "sentinel failover-timeout " + masterName + " 5000\n"
                + "sentinel parallel-syncs " + masterName + " 1\n";
        for (int i = 0; i < 3; i++) {
            sentinels.add(started(RedisServer.startWithConfig("sentinel" + i, config, "--sentinel")));
        }
    }

    /**
     * Starts the group and waits until the replica is in sync and every sentinel knows the
     * two others and the replica.
     *
     * @param masterName the name the sentinels monitor the master by, such as {@code mymaster}
     * @return the running group
     */
    public static RedisSentinelGroup start(String masterName) {
        RedisSentinelGroup group = new RedisSentinelGroup(masterName);
        try {
            group.awaitReplicaInSync();
            group.awaitSentinelsKnowEachOtherAndTheReplica();
            return group;
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    /**
     * The master the group started with.
     *
     * @return the server
     */
    public RedisServer master() {
        return master;
    }

    /**
     * The replica the group started with.
     *
     * @return the server
     */
    public RedisServer replica() {
        return replica;
    }

    /**
     * The value for {@code SESSION_REDIS}.
     *
     * @return {@code redis-sentinel://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3?sentinelMasterId=NAME}
     */
    public String uri() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
                .collect(Collectors.joining(",")) + "?sentinelMasterId=" + masterName;
    }

    /**
     * {@code WAIT} on the master: a marker write acknowledged by the replica means every earlier
     * write is too.
     *
     * @return the replicas that acknowledged it within 5 s
     */
    public long waitUntilReplicated() {
        try (RedisConnection admin = RedisConnection.server(master.port())) {
            admin.commands().set("replication-marker".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            return admin.commands().waitForReplication(1, 5000);
        }
    }

    /**
     * The port of the master as the first sentinel sees it now.
     *
     * @return the port
     */
    public int currentMasterPort() {
        return withSentinel(sentinels.get(0),
                connection -> ((InetSocketAddress) connection.sync().getMasterAddrByName(masterName)).getPort());
    }

    /** Kills every server of the group and deletes their dirs. */
    @Override
    public void close() {
        processes.forEach(RedisServer::close);
    }

    private RedisServer started(RedisServer server) {
        processes.add(server);
        return server;
    }

    private void awaitReplicaInSync() {
        try (RedisConnection admin = RedisConnection.server(replica.port())) {
            await(20, "the replica on port " + replica.port() + " did not sync with the master",
                    () -> admin.commands().info("replication").contains("master_link_status:up"));
        }
    }

    private void awaitSentinelsKnowEachOtherAndTheReplica() {
        for (RedisServer sentinel : sentinels) {
            withSentinel(sentinel, connection -> {
                await(30, "the sentinel on port " + sentinel.port() + " did not see the two others and the replica",
                        () -> {
                            Map<String, String> state = connection.sync().master(masterName);
                            return "2".equals(state.get("num-other-sentinels")) && "1".equals(state.get("num-slaves"));
                        });
                return null;
            });
        }
    }

    private static <T> T withSentinel(RedisServer sentinel,
            Function<StatefulRedisSentinelConnection<String, String>, T> action) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", sentinel.port()));
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            return action.apply(connection);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static void await(int seconds, String failure, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within " + seconds + " s");
            }
            Loopback.sleep(100);
        }
    }
}
