package io.github.session4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL floor: a HikariCP pool (its defaults, like session-jdbc's), auto-commit, one
 * {@code SELECT} by primary key to read, and that plus one upsert ({@code INSERT ... ON CONFLICT
 * DO UPDATE}) to modify.
 */
final class RawJdbcTarget extends RawTarget {

    private static final String TABLE = "raw_sessions";

    private final HikariDataSource pool;
    RawJdbcTarget(Postgres postgres, int size) {
        super(size);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.url());
        config.setUsername(postgres.user());
        config.setPoolName("raw-jdbc");
        pool = new HikariDataSource(config);
        update("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (id VARCHAR(255) COLLATE \"C\" PRIMARY KEY, data BYTEA NOT NULL, expires_at BIGINT NOT NULL)");
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    byte[] load(String key) {
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT data FROM " + TABLE + " WHERE id = ? AND expires_at > ?")) {
            s.setString(1, key);
            s.setLong(2, System.currentTimeMillis());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no raw row " + key);
                }
                return r.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("raw SELECT failed: " + e.getMessage(), e);
        }
    }

    @Override
    void write(String key, byte[] record) {
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (id, data, expires_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at")) {
            s.setString(1, key);
            s.setBytes(2, record);
            s.setLong(3, System.currentTimeMillis() + RawRecord.TTL_SECONDS * 1000);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("raw upsert failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("'" + sql + "' failed: " + e.getMessage(), e);
        }
    }
}
