package io.github.session4j.servers;

import io.github.session4j.testkit.SideDoor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * session-jdbc's session table seen through plain JDBC connections of the test's own, outside
 * the backend and its pool: a row per session, {@code id} the key, the record as {@code data}
 * followed by any delta {@code frames}, {@code expires_at} in epoch milliseconds. Before any
 * backend has created the table, the store reads as empty.
 */
public final class JdbcSideDoor implements SideDoor {

    private final JdbcTestDatabase database;
    private final Supplier<Clock> clock;

    /**
     * Opens the side door.
     *
     * @param database the test's database and schema
     * @param clock the clock the remaining TTL is computed against
     */
    public JdbcSideDoor(JdbcTestDatabase database, Supplier<Clock> clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> read(String key) {
        return query("SELECT data, frames FROM " + database.table() + " WHERE id = ?", key, rows -> {
            byte[] data = rows.getBytes(1);
            byte[] frames = rows.getBytes(2);
            if (frames == null) {
                return data;
            }
            byte[] record = Arrays.copyOf(data, data.length + frames.length);
            System.arraycopy(frames, 0, record, data.length, frames.length);
            return record;
        });
    }

    @Override
    public void write(String key, byte[] record) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE " + database.table() + " SET data = ?, frames = NULL WHERE id = ?")) {
            statement.setBytes(1, record);
            statement.setString(2, key);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no row to overwrite under " + key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return query("SELECT 1 FROM " + database.table() + " WHERE id = ?", key, rows -> true).isPresent();
    }

    @Override
    public List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT id FROM " + database.table());
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String key = rows.getString(1);
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
            return keys;
        } catch (SQLException e) {
            if (noTable(e)) {
                return keys;
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return query("SELECT expires_at FROM " + database.table() + " WHERE id = ?", key,
                rows -> Duration.between(clock.get().instant(), Instant.ofEpochMilli(rows.getLong(1))));
    }

    private interface Column<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> Optional<T> query(String sql, String key, Column<T> column) {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(column.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            if (noTable(e)) {
                return Optional.empty();
            }
            throw new IllegalStateException(e);
        }
    }

    /** PostgreSQL's and H2's/MariaDB's codes for a table that does not exist (yet). */
    private static boolean noTable(SQLException e) {
        return "42P01".equals(e.getSQLState()) || "42S02".equals(e.getSQLState());
    }
}
