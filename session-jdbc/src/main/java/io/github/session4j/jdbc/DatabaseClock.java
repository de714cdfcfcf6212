package io.github.session4j.jdbc;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The database server's clock as seen from here, for the write fence of a dialect that has one
 * ({@link Dialect#serverMillis()}, PostgreSQL): a replace or an append carries the latest server
 * time at which it may still change the row, and its {@code WHERE} compares it with the server's
 * {@code clock_timestamp()}, so a statement that a frozen backend runs after the request gave up
 * on it matches no row.
 *
 * <p>The offset between this process' monotonic clock and the server's is measured when the
 * backend starts (the best of {@link #SAMPLES} queries, placed at the middle of each one's round
 * trip; the error is half that round trip) and again every {@link #REMEASURE_EVERY} on a daemon
 * thread, outside every request; a failed re-measurement keeps the last offset. The deadline is
 * {@code server now + statement timeout − margin}, the margin {@link #GUARD} plus the measured
 * error, at most half the statement timeout.
 */
final class DatabaseClock implements AutoCloseable {

    /** Queries of the server's time per measurement; the shortest round trip wins. */
    static final int SAMPLES = 3;

    /** How often the offset is measured again. */
    static final Duration REMEASURE_EVERY = Duration.ofMinutes(5);

    /** Time left for the answer of a write that ran just before its deadline, and for drift. */
    static final Duration GUARD = Duration.ofMillis(100);

    private final SqlExecutor executor;
    private final String sql;
    private final long timeoutMillis;
    private final ScheduledThreadPoolExecutor timer;
    private volatile double[] offset; // local nanoTime, server millis, error millis

    DatabaseClock(SqlExecutor executor, String sql, Duration statementTimeout) {
        this.executor = executor;
        this.sql = sql;
        this.timeoutMillis = statementTimeout.toMillis();
        this.offset = measure();
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "session4j-jdbc-clock");
            thread.setDaemon(true);
            return thread;
        });
        long every = REMEASURE_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::remeasure, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The latest server time, in milliseconds since the epoch, at which a write about to be sent
     * may still change a row.
     *
     * @return the deadline
     */
    long writeDeadline() {
        double[] o = offset;
        double serverNow = o[1] + (System.nanoTime() - (long) o[0]) / 1e6;
        double margin = Math.min(GUARD.toMillis() + o[2], timeoutMillis / 2.0);
        return (long) Math.floor(serverNow + timeoutMillis - margin);
    }

    private void remeasure() {
        try {
            offset = measure();
        } catch (RuntimeException e) {
            // keep the last offset: a request fails on its own if the database is down
        }
    }

    private double[] measure() {
        return executor.run("read the database's clock", c -> {
            double[] best = null;
            try (Statement statement = c.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, (timeoutMillis + 999) / 1000));
                for (int i = 0; i < SAMPLES; i++) {
                    long before = System.nanoTime();
                    long serverMillis;
                    try (ResultSet rows = statement.executeQuery(sql)) {
                        rows.next();
                        serverMillis = rows.getLong(1);
                    }
                    long after = System.nanoTime();
                    double error = (after - before) / 2e6;
                    if (best == null || error < best[2]) {
                        best = new double[] {before + (after - before) / 2.0, serverMillis, error};
                    }
                }
            }
            return best;
        });
    }

    /** Stops the re-measurements. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
