package io.github.session4j.redis;

/**
 * The Redis servers shared by all test classes of this module, each started once per test JVM on
 * first use and killed when the JVM exits. Tests that stop or kill servers start their own.
 */
final class TestRedis {

    private static RedisProcess standalone;
    private static RedisTestCluster cluster;

    private TestRedis() {
    }

    /**
     * One standalone server.
     *
     * @return the running server
     */
    static synchronized RedisProcess standalone() {
        if (standalone == null) {
            standalone = RedisProcess.start("standalone");
        }
        return standalone;
    }

    /**
     * A cluster of three masters.
     *
     * @return the running cluster
     */
    static synchronized RedisTestCluster cluster() {
        if (cluster == null) {
            cluster = RedisTestCluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return cluster;
    }
}
