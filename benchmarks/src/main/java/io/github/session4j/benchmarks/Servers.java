package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The servers of this JVM's benchmarks. {@code scripts/bench.sh} starts Redis and memcached
 * (pinned with {@code taskset}), creates the PostgreSQL database and the session directory, and
 * passes them as system properties, which JMH's forks inherit:
 * {@code bench.redis.port}, {@code bench.memcached.port}, {@code bench.pg.database},
 * {@code bench.fs.dir}. What is not given is started here on first use (the smoke test's case).
 * MongoDB is always mongo-java-server inside this JVM.
 */
final class Servers {

    private Servers() {
    }

    /**
     * Redis' port.
     *
     * @return the port
     */
    static int redisPort() {
        return RedisHolder.PORT;
    }

    /**
     * memcached's port.
     *
     * @return the port
     */
    static int memcachedPort() {
        return MemcachedHolder.PORT;
    }

    /**
     * The in-process MongoDB server.
     *
     * @return the server
     */
    static InProcessMongo mongo() {
        return MongoHolder.MONGO;
    }

    /**
     * The benchmarks' PostgreSQL database.
     *
     * @return the database
     */
    static Postgres postgres() {
        return PostgresHolder.POSTGRES;
    }

    /**
     * The root of the session directories.
     *
     * @return an existing directory
     */
    static Path fileRoot() {
        return FilesHolder.ROOT;
    }

    private static int portOr(String property, java.util.function.Supplier<ServerProcess> start) {
        String given = System.getProperty(property);
        return given != null ? Integer.parseInt(given) : start.get().port();
    }

    // One lazily started server each: class initialisation runs once, on first use, thread-safely.
    private static final class RedisHolder {
        static final int PORT = portOr("bench.redis.port", ServerProcess::redis);
    }

    private static final class MemcachedHolder {
        static final int PORT = portOr("bench.memcached.port", ServerProcess::memcached);
    }

    private static final class MongoHolder {
        static final InProcessMongo MONGO = new InProcessMongo();
    }

    private static final class PostgresHolder {
        static final Postgres POSTGRES = Postgres.open(System.getProperty("bench.pg.database"));
    }

    private static final class FilesHolder {
        static final Path ROOT = fileRoot();

        private static Path fileRoot() {
            String given = System.getProperty("bench.fs.dir");
            try {
                if (given != null) {
                    return Files.createDirectories(Path.of(given));
                }
                Path dir = Files.createTempDirectory("session4j-bench-files-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Trees.delete(dir)));
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
