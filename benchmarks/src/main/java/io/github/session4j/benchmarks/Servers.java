package io.github.session4j.benchmarks;

import io.github.session4j.servers.DynaliteServer;
import io.github.session4j.servers.MemcachedServer;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * The servers of this JVM's benchmarks. {@code scripts/bench.sh} starts Redis and memcached
 * (pinned with {@code taskset}), creates the PostgreSQL database and the session directory, and
 * passes them as system properties, which JMH's forks inherit:
 * {@code bench.redis.port}, {@code bench.memcached.port}, {@code bench.pg.database},
 * {@code bench.fs.dir}. What is not given is started here on first use (the smoke test's case).
 * MongoDB is always mongo-java-server inside this JVM. The servers started here come from
 * session-test-servers, as the tests' do.
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
    static MongoJavaServer mongo() {
        return TestServers.mongo();
    }

    /** The region the DynamoDB targets name; dynalite accepts any. */
    static final String DYNAMODB_REGION = DynaliteServer.REGION;

    /**
     * The dynalite of this JVM, reached through its counting relay.
     *
     * @return the server
     */
    static DynaliteServer dynalite() {
        return DynaliteHolder.SERVER;
    }

    /**
     * Where the DynamoDB targets send their requests: {@code bench.dynalite.endpoint} when given (a
     * dynalite started outside, reached directly), else this JVM's dynalite through its counting relay,
     * which {@link RoundTrips} reads.
     *
     * @return the endpoint URL
     */
    static String dynamoDbEndpoint() {
        Credentials.ensure();
        String given = System.getProperty("bench.dynalite.endpoint");
        return given != null ? given : dynalite().endpoint();
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

    private static int portOr(String property, IntSupplier start) {
        String given = System.getProperty(property);
        return given != null ? Integer.parseInt(given) : start.getAsInt();
    }

    // One lazily started server each: class initialisation runs once, on first use, thread-safely.
    private static final class RedisHolder {
        static final int PORT = portOr("bench.redis.port", () -> TestServers.redis().port());
    }

    private static final class MemcachedHolder {
        // 1 GB of memory and items up to 2 MB
        static final int PORT = portOr("bench.memcached.port", () -> MemcachedServer.start("-m", "1024", "-I", "2m").port());
    }

    private static final class DynaliteHolder {
        static final DynaliteServer SERVER = TestServers.dynalite();
    }

    private static final class Credentials {
        static {
            // dynalite accepts any credentials, but the SDK's default chain must find some: system
            // properties are its first link
            if (System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
                System.setProperty("aws.accessKeyId", "dynalite");
                System.setProperty("aws.secretAccessKey", "dynalite");
            }
        }

        static void ensure() {
            // the static initializer did the work, once
        }
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
