package io.github.session4j.servers;

/**
 * The servers that a JVM's tests share, each started on first use on a free loopback port and
 * stopped by a JVM shutdown hook. Tests isolate themselves by key prefix, database or schema;
 * tests that stop, signal or reconfigure a server start their own
 * ({@link RedisServer#start(String, String...)}, {@link MemcachedServer#start(String...)},
 * {@link MongoJavaServer#start(int)}).
 */
public final class TestServers {

    private TestServers() {
    }

    /**
     * One standalone {@code redis-server}.
     *
     * @return the running server
     */
    public static RedisServer redis() {
        return RedisHolder.SERVER;
    }

    /**
     * A Redis Cluster of three masters.
     *
     * @return the running cluster
     */
    public static RedisCluster redisCluster() {
        return RedisClusterHolder.CLUSTER;
    }

    /**
     * One {@code memcached}.
     *
     * @return the running server
     */
    public static MemcachedServer memcached() {
        return MemcachedHolder.SERVER;
    }

    /**
     * One mongo-java-server.
     *
     * @return the running server
     */
    public static MongoJavaServer mongo() {
        return MongoHolder.SERVER;
    }

    /**
     * One dynalite (an open-source DynamoDB implementation), reached through its counting relay.
     *
     * @return the running server
     */
    public static DynaliteServer dynalite() {
        return DynaliteHolder.SERVER;
    }

    // One holder a server: class initialisation runs once, on first use, thread-safely, and a
    // module that never asks for a server never loads its client library.
    private static final class RedisHolder {
        static final RedisServer SERVER = RedisServer.start("standalone");
    }

    private static final class RedisClusterHolder {
        static final RedisCluster CLUSTER = RedisCluster.start();
    }

    private static final class MemcachedHolder {
        static final MemcachedServer SERVER = MemcachedServer.start();
    }

    private static final class DynaliteHolder {
        static final DynaliteServer SERVER = DynaliteServer.start();
    }

    private static final class MongoHolder {
        static final MongoJavaServer SERVER = MongoJavaServer.start(0);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close, "mongo-java-server-shutdown"));
        }
    }
}
