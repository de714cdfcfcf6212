package io.github.session4j.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL's {@code pg_stat_database} for the benchmarks' own database (commits and rows) and
 * {@code pg_stat_user_tables} (index and sequential scans, the statements that look rows up).
 * {@code pg_stat_wal}'s {@code wal_sync} and {@code wal_bytes} (the whole server's: the run is alone
 * on it) say how many times a request waited for the disk and how much it wrote to the log.
 * Round trips are {@code xact_commit}: every auto-commit statement is one transaction; a
 * transaction of several statements is counted once here and its statements show in the scans.
 * A backend reports its counts when its connection closes, hence {@link #settleMillis()}.
 */
final class PostgresCounter implements ServerCounter {

    private static final String QUERY = "SELECT d.xact_commit, d.xact_rollback, d.tup_returned, d.tup_fetched, d.tup_inserted,"
            + " d.tup_updated, d.tup_deleted,"
            + " (SELECT coalesce(sum(coalesce(idx_scan, 0) + coalesce(seq_scan, 0)), 0) FROM pg_stat_user_tables) AS scans,"
            + " (SELECT wal_sync FROM pg_stat_wal) AS wal_sync, (SELECT wal_bytes::bigint FROM pg_stat_wal) AS wal_bytes"
            + " FROM pg_stat_database d WHERE d.datname = current_database()";

    private final Postgres postgres;

    PostgresCounter(Postgres postgres) {
        this.postgres = postgres;
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> stats = new TreeMap<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(QUERY)) {
            r.next();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                stats.put(r.getMetaData().getColumnName(i), r.getLong(i));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
        return stats;
    }

    @Override
    public long roundTrips(Map<String, Long> delta) {
        return delta.getOrDefault("xact_commit", 0L);
    }

    @Override
    public long settleMillis() {
        return 1500;
    }
}
