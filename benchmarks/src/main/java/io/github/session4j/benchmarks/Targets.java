package io.github.session4j.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The targets by name, each connected to this JVM's {@link Servers}. */
final class Targets {

    /** The MongoDB database every Mongo target uses, whose commands {@link io.github.session4j.servers.MongoJavaServer} counts. */
    static final String MONGO_DATABASE = "bench";

    /** The table of the session4j DynamoDB target. */
    static final String DYNAMODB_TABLE = "bench_sessions";

    /** The session4j backends, by their {@code SESSION_TYPE}. */
    static final List<String> BACKENDS = List.of("redis", "memcached", "mongodb", "dynamodb", "jdbc", "filesystem");

    /**
     * The suffix of a session4j target with {@code SESSION_DELTA_WRITES=true} (off by default): small
     * changes to large sessions appended as delta frames, where the backend can append.
     */
    static final String DELTA = "-delta";

    /**
     * The suffix of a session4j target with {@code SESSION_RECORD_CACHE} set (off by default): large
     * records kept in the benchmark JVM and read again by version.
     */
    static final String CACHED = "-cached";

    /** The record cache's size in the {@link #CACHED} targets. */
    static final String RECORD_CACHE_SIZE = "64MB";

    /** Every target name, in report order. */
    static final List<String> ALL = List.of(
            "session4j-redis", "session4j-redis-delta", "session4j-redis-delta-cached", "raw-redis", "spring-redis", "spring-redis-indexed",
            "session4j-memcached", "raw-memcached",
            "session4j-mongodb", "raw-mongodb",
            "session4j-dynamodb", "raw-dynamodb",
            "session4j-jdbc", "session4j-jdbc-delta", "session4j-jdbc-delta-cached", "raw-jdbc", "spring-jdbc",
            "session4j-filesystem", "raw-filesystem");

    private Targets() {
    }

    /**
     * Prints every target name, space-separated, for {@code scripts/bench.sh}.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(String.join(" ", ALL));
    }

    /**
     * Connects a target.
     *
     * @param name one of {@link #ALL}
     * @param size the size of the session's {@code data}
     * @return the connected target
     */
    static SessionTarget open(String name, int size) {
        return switch (name) {
            case "raw-redis" -> new RawRedisTarget(Servers.redisPort(), size);
            case "raw-memcached" -> new RawMemcachedTarget(Servers.memcachedPort(), size);
            case "raw-mongodb" -> new RawMongoTarget(Servers.mongo().connectionString(), MONGO_DATABASE, size);
            case "raw-dynamodb" -> new RawDynamoDbTarget(Servers.dynamoDbEndpoint(), size);
            case "raw-jdbc" -> new RawJdbcTarget(Servers.postgres(), size);
            case "raw-filesystem" -> new RawFileTarget(Servers.fileRoot(), size);
            case "spring-redis" -> SpringTargets.redis(Servers.redisPort(), size);
            case "spring-redis-indexed" -> SpringTargets.redisIndexed(Servers.redisPort(), size);
            case "spring-jdbc" -> SpringTargets.jdbc(Servers.postgres(), size);
            default -> {
                if (!name.startsWith("session4j-")) {
                    throw new IllegalArgumentException("unknown target '" + name + "'; known: " + ALL);
                }
                yield new Session4jTarget(session4jSettings(name.substring("session4j-".length())), size);
            }
        };
    }

    /**
     * The settings session4j gets for a backend.
     *
     * @param backend a {@code SESSION_TYPE}, with {@link #DELTA} for delta writes and then
     *     {@link #CACHED} for the record cache
     * @return {@code SESSION_TYPE} and the backend's keys
     */
    static Map<String, String> session4jSettings(String backend) {
        if (backend.endsWith(CACHED)) {
            Map<String, String> settings = new HashMap<>(session4jSettings(backend.substring(0, backend.length() - CACHED.length())));
            settings.put("SESSION_RECORD_CACHE", RECORD_CACHE_SIZE);
            return settings;
        }
        if (backend.endsWith(DELTA)) {
            Map<String, String> settings = new HashMap<>(session4jSettings(backend.substring(0, backend.length() - DELTA.length())));
            settings.put("SESSION_DELTA_WRITES", "true");
            return settings;
        }
        return switch (backend) {
            case "redis" -> Map.of("SESSION_TYPE", "redis", "SESSION_REDIS", "redis://127.0.0.1:" + Servers.redisPort());
            case "memcached" -> Map.of("SESSION_TYPE", "memcached", "SESSION_MEMCACHED", "127.0.0.1:" + Servers.memcachedPort());
            case "mongodb" -> Map.of("SESSION_TYPE", "mongodb", "SESSION_MONGODB", Servers.mongo().connectionString(),
                    "SESSION_MONGODB_DB", MONGO_DATABASE);
            case "dynamodb" -> Map.of("SESSION_TYPE", "dynamodb", "SESSION_DYNAMODB", Servers.dynamoDbEndpoint(),
                    "SESSION_DYNAMODB_REGION", Servers.DYNAMODB_REGION, "SESSION_DYNAMODB_TABLE", DYNAMODB_TABLE);
            // the sweeper is off so that no background statement lands among a request's counted ones
            case "jdbc" -> Map.of("SESSION_TYPE", "jdbc", "SESSION_JDBC_URL", Servers.postgres().url(),
                    "SESSION_JDBC_USER", Servers.postgres().user(), "SESSION_JDBC_SWEEP_INTERVAL", "0");
            // no SESSION_FILE_THRESHOLD (no limit): the scale runs keep a million files; the sweeper
            // (nothing to sweep anyway) waits a day, so that it never walks them during a run
            case "filesystem" -> Map.of("SESSION_TYPE", "filesystem",
                    "SESSION_FILE_DIR", Servers.fileRoot().resolve("session4j").toString(),
                    "SESSION_FILE_SWEEP_INTERVAL", "1d");
            default -> throw new IllegalArgumentException("unknown session4j backend '" + backend + "'; known: " + BACKENDS);
        };
    }
}
