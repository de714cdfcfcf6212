package io.github.session4j.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters (no replicas) on loopback:
 * {@code redis-server --cluster-enabled yes} three times, then {@code redis-cli --cluster create}.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts the nodes, joins them into a cluster and waits until it serves every slot.
     *
     * @return the running cluster
     */
    public static RedisCluster start() {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.start("cluster" + i, "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        // the bus port defaults to port + 10000, which may not exist for a high free port
                        "--cluster-port", Integer.toString(Loopback.freePort()),
                        "--cluster-node-timeout", "2000"));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.create();
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /**
     * The node ports.
     *
     * @return the ports
     */
    public List<Integer> ports() {
        return nodes.stream().map(RedisServer::port).toList();
    }

    /**
     * The value for {@code SESSION_REDIS} with {@code SESSION_REDIS_CLUSTER=true}.
     *
     * @return the node URIs, comma-separated
     */
    public String uris() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(RedisServer.binary("redis-cli"), "--cluster", "create"));
        ports().forEach(p -> command.add("127.0.0.1:" + p));
        command.add("--cluster-yes");
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run redis-cli: " + RedisServer.HOW_TO_INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int port : ports()) {
            try (RedisConnection node = RedisConnection.server(port)) {
                while (!node.commands().clusterInfo().contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the test cluster on ports " + ports()
                                + " did not reach cluster_state:ok within 20s");
                    }
                    Loopback.sleep(50);
                }
            }
        }
    }
}
