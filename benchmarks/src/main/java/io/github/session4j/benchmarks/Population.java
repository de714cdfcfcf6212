package io.github.session4j.benchmarks;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;

/** Counts the live session4j sessions a store holds, with the store's own means. */
final class Population {

    private Population() {
    }

    /**
     * Counts.
     *
     * @param backend {@code redis}, {@code jdbc} or {@code filesystem}
     * @return the live sessions under session4j's key prefix
     */
    static long count(String backend) {
        return switch (backend) {
            case "redis" -> redis();
            case "jdbc" -> jdbc();
            case "filesystem" -> files(Path.of(Targets.session4jSettings("filesystem").get("SESSION_FILE_DIR")));
            default -> throw new IllegalArgumentException("no population count for " + backend);
        };
    }

    private static long redis() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", Servers.redisPort()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long count = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs args = ScanArgs.Builder.matches("session:*").limit(10_000);
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, args);
                count += page.getKeys().size();
                cursor = page;
            } while (!cursor.isFinished());
            return count;
        } finally {
            client.shutdown();
        }
    }

    private static long jdbc() {
        try (Connection c = Servers.postgres().connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM sessions WHERE expires_at > ?")) {
            s.setLong(1, System.currentTimeMillis());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the sessions table: " + e.getMessage(), e);
        }
    }

    private static long files(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
