package io.github.session4j.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JDBC backend under {@code SESSION_RECORD_FORMAT=flask-session}: Flask-Session 0.8's
 * SQLAlchemy table ({@code SESSION_JDBC_TABLE}, default {@code sessions}): {@code id} (integer
 * key), {@code session_id} (varchar 255, unique: {@code SESSION_KEY_PREFIX} + the raw ID),
 * {@code data} (the record's bytes) and {@code expiry} (a timestamp in UTC without zone).
 *
 * <p>The version of a record is the first 8 bytes of the SHA-256 of {@code data}; a replace is one
 * {@code UPDATE ... WHERE session_id = ? AND expiry > ? AND <the first 8 bytes of SHA-256(data)> = ?},
 * computed by the database (PostgreSQL's {@code sha256}, H2's {@code HASH}, MariaDB's {@code SHA2}),
 * so Java instances never lose each other's updates; a Flask write stays a plain overwrite. A
 * replace with the core's empty tombstone deletes the row under the same condition (Flask-Session
 * cannot read an empty {@code data}). Expired rows are never returned; they are left for Flask or
 * overwritten by a create. No message names a key: it holds the raw session ID.
 */
final class FlaskJdbcSessionInterface implements SessionInterface, FlaskRecordStore {

    private final HikariDataSource pool;
    private final String table;
    private final String hash;
    private final String target;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    FlaskJdbcSessionInterface(HikariDataSource pool, JdbcSettings settings, Clock clock) {
        this.pool = pool;
        this.table = settings.qualifiedTable();
        this.clock = clock;
        this.target = settings.maskedUrl();
        String product = run("read the database product", c -> c.getMetaData().getDatabaseProductName())
                .toLowerCase(Locale.ROOT);
        String ddl;
        if (product.contains("postgres")) {
            hash = "substring(sha256(data) from 1 for 8)";
            ddl = "CREATE TABLE IF NOT EXISTS " + table + " (id SERIAL PRIMARY KEY, session_id VARCHAR(255) UNIQUE,"
                    + " data BYTEA, expiry TIMESTAMP)";
        } else if (product.contains("h2")) {
            hash = "SUBSTRING(HASH('SHA-256', data) FROM 1 FOR 8)";
            ddl = "CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER AUTO_INCREMENT PRIMARY KEY,"
                    + " session_id VARCHAR(255) UNIQUE, data VARBINARY(1000000000), expiry TIMESTAMP)";
        } else if (product.contains("mariadb") || product.contains("mysql")) {
            hash = "LEFT(UNHEX(SHA2(data, 256)), 8)";
            ddl = "CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER AUTO_INCREMENT PRIMARY KEY,"
                    + " session_id VARCHAR(255) UNIQUE, data LONGBLOB, expiry DATETIME)";
        } else {
            throw new SessionBackendException("SESSION_RECORD_FORMAT=flask-session on JDBC supports PostgreSQL, H2 and"
                    + " MariaDB/MySQL, not " + product + " (" + target + ")");
        }
        if (settings.createTable()) {
            run("create the flask-session table " + table, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(ddl);
                }
                return null;
            });
        }
        String tableName = settings.table();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT id, session_id, data, expiry FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new SessionBackendException("SESSION_RECORD_FORMAT=flask-session needs Flask-Session's table (id, session_id,"
                    + " data, expiry) but " + table + " on " + target + " is not one (" + e.getMessage() + "): point"
                    + " SESSION_JDBC_TABLE at the Flask app's table (Flask's SESSION_SQLALCHEMY_TABLE) or at a new one, not at"
                    + " a table of session4j's own format (" + tableName + ")", e);
        }
    }

    /**
     * The version of a row: the first 8 bytes of the SHA-256 of {@code data}, big-endian.
     *
     * @param data the row's bytes
     * @return the version
     */
    static long version(byte[] data) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (sha[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static byte[] versionBytes(long version) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) version;
            version >>>= 8;
        }
        return b;
    }

    private Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        Instant now = clock.instant();
        return run("load a flask-session row", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT data, expiry FROM " + table
                    + " WHERE session_id = ? AND expiry > ?")) {
                s.setString(1, key);
                s.setTimestamp(2, utc(now));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] data = rs.getBytes(1);
                    if (data == null) {
                        return Optional.empty();
                    }
                    Instant expiry = rs.getTimestamp(2).toLocalDateTime().toInstant(ZoneOffset.UTC);
                    return Optional.of(new StoredRecord(data, version(data), expiry));
                }
            }
        });
    }

    @Override
    public WriteResult write(RecordWrite write) {
        RecordWrite.requireNoIndexChange(write, "jdbc (flask-session format)");
        return write.match(this::create, this::replace, append -> {
            throw append.unsupported("jdbc (SESSION_RECORD_FORMAT=flask-session)");
        });
    }

    private WriteResult create(RecordWrite.Create create) {
        Instant now = clock.instant();
        Timestamp expiry = utc(now.plus(positive(create.ttl())));
        return run("create a flask-session row", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (session_id, data, expiry) VALUES (?, ?, ?)")) {
                s.setString(1, create.key());
                s.setBytes(2, create.record());
                s.setTimestamp(3, expiry);
                s.executeUpdate();
                return WriteResult.written(version(create.record()));
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
            }
            // a row under this key exists: take it over only if it has expired
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET data = ?, expiry = ?"
                    + " WHERE session_id = ? AND expiry <= ?")) {
                s.setBytes(1, create.record());
                s.setTimestamp(2, expiry);
                s.setString(3, create.key());
                s.setTimestamp(4, utc(now));
                return WriteResult.of(s.executeUpdate() == 1, version(create.record()));
            }
        });
    }

    private WriteResult replace(RecordWrite.Replace replace) {
        Instant now = clock.instant();
        Timestamp expiry = utc(now.plus(positive(replace.ttl())));
        byte[] expected = versionBytes(replace.expectedVersion());
        return run("replace a flask-session row", c -> {
            if (replace.record().length == 0) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ? AND "
                        + hash + " = ?")) {
                    s.setString(1, replace.key());
                    s.setBytes(2, expected);
                    return WriteResult.of(s.executeUpdate() == 1, version(replace.record()));
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET data = ?, expiry = ?"
                    + " WHERE session_id = ? AND expiry > ? AND " + hash + " = ?")) {
                s.setBytes(1, replace.record());
                s.setTimestamp(2, expiry);
                s.setString(3, replace.key());
                s.setTimestamp(4, utc(now));
                s.setBytes(5, expected);
                return WriteResult.of(s.executeUpdate() == 1, version(replace.record()));
            }
        });
    }

    @Override
    public void delete(String key) {
        run("delete a flask-session row", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
                s.setString(1, key);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void touch(String key, Duration ttl) {
        Instant now = clock.instant();
        run("refresh the expiry of a flask-session row", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET expiry = ? WHERE session_id = ? AND expiry > ?")) {
                s.setTimestamp(1, utc(now.plus(positive(ttl))));
                s.setString(2, key);
                s.setTimestamp(3, utc(now));
                return s.executeUpdate();
            }
        });
    }

    private static Duration positive(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a TTL must be positive, was " + ttl);
        }
        return ttl;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.close();
        }
    }

    /** Work on one connection from the pool. */
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        if (closed.get()) {
            throw new SessionBackendException("JDBC " + what + " refused: this backend was closed");
        }
        try (Connection c = pool.getConnection()) {
            return work.on(c);
        } catch (SQLException e) {
            throw new SessionBackendException("JDBC " + what + " failed on " + target + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "FlaskJdbcSessionInterface[" + target + ", " + table + "]";
    }
}
