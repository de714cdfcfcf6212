package io.github.session4j.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters (no replicas) on loopback, started by the tests:
 * {@code redis-server --cluster-enabled yes} three times, then {@code redis-cli --cluster create}.
 */
final class RedisTestCluster implements AutoCloseable {

    private final List<RedisProcess> nodes;

    private RedisTestCluster(List<RedisProcess> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts the nodes, joins them into a cluster and waits until it serves every slot.
     *
     * @return the running cluster
     */
    static RedisTestCluster start() {
        List<RedisProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisProcess.start("cluster" + i, "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        // the bus port defaults to port + 10000, which may not exist for a high free port
                        "--cluster-port", Integer.toString(RedisProcess.freePort()),
                        "--cluster-node-timeout", "2000"));
            }
            RedisTestCluster cluster = new RedisTestCluster(nodes);
            cluster.create();
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisProcess::close);
            throw e;
        }
    }

    /**
     * The node ports.
     *
     * @return the ports
     */
    List<Integer> ports() {
        return nodes.stream().map(RedisProcess::port).toList();
    }

    /**
     * The value for {@code SESSION_REDIS} with {@code SESSION_REDIS_CLUSTER=true}.
     *
     * @return the node URIs, comma-separated
     */
    String uris() {
        return nodes.stream().map(RedisProcess::uri).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(RedisProcess::close);
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of(RedisProcess.binary("redis-cli"), "--cluster", "create"));
        ports().forEach(p -> command.add("127.0.0.1:" + p));
        command.add("--cluster-yes");
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run redis-cli: " + RedisProcess.HOW_TO_INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int port : ports()) {
            try (RedisAdmin node = RedisAdmin.server(port)) {
                while (!node.commands().clusterInfo().contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the test cluster on ports " + ports()
                                + " did not reach cluster_state:ok within 20s");
                    }
                    RedisProcess.sleep(50);
                }
            }
        }
    }
}
