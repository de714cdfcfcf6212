package io.github.session4j.jdbc;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One test's database, clock and backend (built by the provider, as an application would).
 */
final class Fixture implements AutoCloseable {

    final JdbcTestDatabase database;
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final JdbcSessionInterface backend;

    private Fixture(JdbcTestDatabase database, Consumer<Map<String, String>> customize) {
        this.database = database;
        this.backend = open(customize);
    }

    /**
     * Creates a fresh schema in a database of {@code kind} and a backend on it.
     *
     * @param kind the database
     * @return the fixture, to close
     */
    static Fixture open(JdbcTestDatabase.Kind kind) {
        return open(kind, settings -> { });
    }

    /**
     * Like {@link #open(JdbcTestDatabase.Kind)}, with changed settings.
     *
     * @param kind the database
     * @param customize changes the settings before the backend is created
     * @return the fixture, to close
     */
    static Fixture open(JdbcTestDatabase.Kind kind, Consumer<Map<String, String>> customize) {
        JdbcTestDatabase database = JdbcTestDatabase.create(kind);
        try {
            return new Fixture(database, customize);
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    /**
     * Creates one more backend on this fixture's schema (closed by the caller).
     *
     * @param customize changes the settings
     * @return the backend
     */
    JdbcSessionInterface open(Consumer<Map<String, String>> customize) {
        JdbcSessionInterfaceProvider provider = new JdbcSessionInterfaceProvider();
        return (JdbcSessionInterface) provider.create(BackendContext.validate(provider, config(customize), clock));
    }

    /**
     * The configuration of this fixture's schema (the backends {@link #open} makes get this
     * fixture's clock).
     *
     * @param customize changes the settings
     * @return the configuration
     */
    SessionConfig config(Consumer<Map<String, String>> customize) {
        Map<String, String> settings = database.settings();
        customize.accept(settings);
        return SessionConfig.builder().putAll(settings).build();
    }

    /**
     * A manager over a new backend on this fixture's schema, with this fixture's clock (closed by
     * the caller).
     *
     * @param customize changes the settings
     * @return the manager
     */
    SessionManager manager(Consumer<Map<String, String>> customize) {
        return SessionManager.builder(config(customize)).provider(new JdbcSessionInterfaceProvider()).clock(clock).build();
    }

    /**
     * The backend's settings read from a configuration, with its core key prefix and delta writes.
     *
     * @param config the configuration
     * @return the settings
     */
    static JdbcSettings settings(SessionConfig config) {
        return JdbcSettings.from(config, config.getString("SESSION_KEY_PREFIX", "session:"),
                config.getBoolean("SESSION_DELTA_WRITES", false));
    }

    /**
     * Reads a row through the side door, expired or not.
     *
     * @param key the store key
     * @return the data, frames, version and expiry of the row
     */
    Optional<Row> row(String key) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT data, frames, version, expires_at FROM " + database.table() + " WHERE id = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Row(rows.getBytes(1), rows.getBytes(2), rows.getLong(3), rows.getLong(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            database.close();
        }
    }

    /**
     * Runs one statement on this fixture's database, beside the backend.
     *
     * @param sql the statement
     */
    void execute(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A row as the side door reads it; {@code frames} is null when the row has none. */
    record Row(byte[] data, byte[] frames, long version, long expiresAt) {
    }
}
