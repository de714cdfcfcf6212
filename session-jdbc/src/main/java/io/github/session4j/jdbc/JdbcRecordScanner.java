package io.github.session4j.jdbc;

import io.github.session4j.spi.RecordScanner;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link RecordScanner} of the JDBC backend: keyset pagination over the primary key, one
 * {@code SELECT ... WHERE id LIKE 'prefix%' AND id > ? AND expires_at > ? ORDER BY id LIMIT ?}
 * per page, so every page costs one index range scan whatever the table's size. The cursor is the
 * last {@code id} of the previous page. Rows whose id is not {@code prefix} + 43 base64url
 * characters (such as principal index rows kept in the same table) are skipped.
 */
final class JdbcRecordScanner implements RecordScanner {

    private final SqlExecutor executor;
    private final Dialect dialect;
    private final Clock clock;
    private final String keyPrefix;

    JdbcRecordScanner(SqlExecutor executor, Dialect dialect, Clock clock, String keyPrefix) {
        this.executor = executor;
        this.dialect = dialect;
        this.clock = clock;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Page scan(String cursor, int limit) {
        RecordScanner.checkLimit(limit);
        String pattern = keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        String sql = "SELECT id, data, expires_at" + (dialect.frames ? ", frames" : "") + " FROM " + dialect.table
                + " WHERE id LIKE ? ESCAPE '!' AND id > ? AND expires_at > ? ORDER BY id LIMIT ?";
        long now = clock.millis();
        return executor.run("list sessions", c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, pattern);
                statement.setString(2, cursor == null ? "" : cursor);
                statement.setLong(3, now);
                statement.setInt(4, limit);
                List<Scanned> records = new ArrayList<>();
                String last = null;
                int rowCount = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rowCount++;
                        last = rows.getString(1);
                        if (RecordScanner.isSessionKey(last, keyPrefix)) {
                            byte[] data = rows.getBytes(2);
                            byte[] frames = dialect.frames ? rows.getBytes(4) : null;
                            records.add(new Scanned(last, frames == null ? data : concat(data, frames),
                                    Instant.ofEpochMilli(rows.getLong(3))));
                        }
                    }
                }
                return new Page(records, rowCount < limit ? null : last);
            }
        });
    }

    private static byte[] concat(byte[] data, byte[] frames) {
        byte[] record = Arrays.copyOf(data, data.length + frames.length);
        System.arraycopy(frames, 0, record, data.length, frames.length);
        return record;
    }
}
