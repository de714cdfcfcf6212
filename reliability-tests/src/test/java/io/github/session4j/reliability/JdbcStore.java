package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.jdbc.JdbcSessionInterfaceProvider;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code jdbc} backend on H2 (files in a temp dir) or on the machine's PostgreSQL (a schema
 * the suite creates and drops). The side door is plain JDBC outside the backend's pool.
 */
final class JdbcStore extends Store {

    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String label;
    private final String url;
    private final String user;
    private final String schema;

    private JdbcStore(String label, String url, String user, String schema) {
        this.label = label;
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    /** @return H2 in files under a new temp dir */
    static JdbcStore h2() {
        try {
            Path dir = Files.createTempDirectory("session4j-reliability-h2-");
            dir.toFile().deleteOnExit();
            return new JdbcStore("jdbc-h2", "jdbc:h2:file:" + dir.resolve("sessions") + ";DB_CLOSE_DELAY=-1", "sa", null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the machine's PostgreSQL, in a schema of the suite's own, dropped when the JVM exits */
    static JdbcStore postgresql() {
        String schema = "reliability_" + HexFormat.of().formatHex(randomBytes());
        JdbcStore store = new JdbcStore("jdbc-postgresql", POSTGRES_URL, "postgres", schema);
        store.execute("CREATE SCHEMA " + schema);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> store.execute("DROP SCHEMA " + schema + " CASCADE")));
        return store;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    String label() {
        return label;
    }

    @Override
    String type() {
        return "jdbc";
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(Map.of("SESSION_JDBC_URL", url, "SESSION_JDBC_USER", user,
                "SESSION_JDBC_SWEEP_INTERVAL", "0"));
        if (schema != null) {
            settings.put("SESSION_JDBC_SCHEMA", schema);
        }
        return settings;
    }

    @Override
    boolean followsConfigClock() {
        return true;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_JDBC_CONNECT_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        return new JdbcSessionInterfaceProvider().create(BackendContext.validate(new JdbcSessionInterfaceProvider(), config, clock));
    }

    private String table() {
        return schema == null ? "sessions" : schema + ".sessions";
    }

    private Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + url + " as " + user + " (PostgreSQL must run on 127.0.0.1:5432"
                    + " with trust authentication and a database 'test': run scripts/services/jdbc.sh)", e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads rows with a one-parameter query. */
    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String sql, String parameter, Row<T> row) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(row.read(rows));
                }
                return found;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "42S02".equals(e.getSQLState())) {
                return List.of(); // no app has created the table yet
            }
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] concat(byte[] data, byte[] frames) {
        byte[] record = Arrays.copyOf(data, data.length + frames.length);
        System.arraycopy(frames, 0, record, data.length, frames.length);
        return record;
    }

    @Override
    SideDoor sideDoor() {
        return new SideDoor() {
            @Override
            public Optional<byte[]> read(String key) {
                // the stored record is data followed by any delta frames
                return query("SELECT data, frames FROM " + table() + " WHERE id = ?", key, rows -> {
                    byte[] frames = rows.getBytes(2);
                    return frames == null ? rows.getBytes(1) : concat(rows.getBytes(1), frames);
                }).stream().findFirst();
            }

            @Override
            public void write(String key, byte[] record) {
                try (Connection connection = connect(); PreparedStatement statement =
                        connection.prepareStatement("UPDATE " + table() + " SET data = ?, frames = NULL WHERE id = ?")) {
                    statement.setBytes(1, record);
                    statement.setString(2, key);
                    if (statement.executeUpdate() != 1) {
                        throw new IllegalStateException("no record under " + key + " to overwrite");
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean exists(String key) {
                return read(key).isPresent();
            }

            @Override
            public List<String> keys(String prefix) {
                return query("SELECT id FROM " + table() + " WHERE id LIKE ?", prefix + "%", rows -> rows.getString(1));
            }

            @Override
            public Optional<Duration> ttl(String key) {
                return query("SELECT expires_at FROM " + table() + " WHERE id = ?", key, rows -> rows.getLong(1))
                        .stream().findFirst()
                        .map(at -> Duration.between(Clock.systemUTC().instant(), Instant.ofEpochMilli(at)));
            }
        };
    }
}
