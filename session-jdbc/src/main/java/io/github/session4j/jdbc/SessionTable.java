package io.github.session4j.jdbc;

import io.github.session4j.SessionBackendException;
import io.github.session4j.config.CoreKeys;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Start-up work on the session table: detects the database product, creates the table and its
 * indexes when allowed and missing, adds the {@code frames} and {@code principal} columns to a table
 * of an earlier session4j when allowed, and checks that the table is usable.
 */
final class SessionTable {

    private static final System.Logger LOG = System.getLogger(SessionTable.class.getName());

    /** How long a probe waits for the {@code ALTER TABLE} of another instance after its own failed. */
    private static final java.time.Duration ALTER_WAIT = java.time.Duration.ofSeconds(3);

    private SessionTable() {
    }

    /**
     * Prepares the table.
     *
     * @param executor runs the statements
     * @param settings the table name, schema and {@code SESSION_JDBC_CREATE_TABLE}
     * @return the dialect of the database and of the table's columns
     * @throws io.github.session4j.SessionConfigException when the database product is not supported
     * @throws SessionBackendException when the database cannot be reached, or the table is missing
     *     and cannot or may not be created, or {@code SESSION_DELTA_WRITES} is on and the table has
     *     no {@code frames} column; the message then contains the DDL
     */
    static Dialect prepare(SqlExecutor executor, JdbcSettings settings) {
        Dialect dialect = executor.run("connect at start-up",
                c -> Dialect.forProduct(c.getMetaData().getDatabaseProductName(), settings));
        SQLException createFailure = null;
        if (settings.createTable()) {
            createFailure = executor.run("create the table " + dialect.table, c -> {
                try (Statement statement = c.createStatement()) {
                    for (String ddl : dialect.createTable()) {
                        statement.execute(ddl);
                    }
                    return null;
                } catch (SQLException e) {
                    // Another instance may have created it at the same moment: the probe decides.
                    return e;
                }
            });
        }
        SQLException probeFailure = probe(executor, dialect, dialect.probe());
        if (probeFailure != null) {
            throw missingTable(executor, settings, dialect, createFailure == null ? probeFailure : createFailure);
        }
        Dialect withFrames = withFramesColumn(executor, settings, dialect);
        return withFrames.withColumns(withFrames.frames, hasPrincipalColumn(executor, settings, withFrames));
    }

    /**
     * Whether the table has the {@code principal} column: a table of an earlier session4j gets it
     * (and its index) when {@code SESSION_JDBC_CREATE_TABLE} allows; otherwise it is used as it is,
     * without the principal index (the backend's {@code capability} then has no
     * {@link io.github.session4j.spi.PrincipalIndex}, and a setting that needs one stops start-up).
     */
    private static boolean hasPrincipalColumn(SqlExecutor executor, JdbcSettings settings, Dialect dialect) {
        if (probe(executor, dialect, dialect.probePrincipal()) == null) {
            return true;
        }
        SQLException probeFailure = settings.createTable()
                ? probeAfterAlter(executor, dialect, dialect.probePrincipal(), addPrincipalColumn(executor, dialect))
                : probe(executor, dialect, dialect.probePrincipal());
        if (probeFailure != null && settings.principalIndexRequired()) {
            throw new SessionBackendException("session-jdbc found no column principal in the session table " + dialect.table
                    + " in " + executor.target() + " (tables created before session4j indexed signed-in sessions lack it): "
                    + SqlExecutor.describe(probeFailure, executor.secrets()) + ". " + CoreKeys.SESSION_PRINCIPAL_INDEX
                    + "=true needs it: add it (" + String.join("; ", dialect.addPrincipalColumn()) + ";) with your migration tool"
                    + (settings.createTable() ? " or a user that may alter the table" : " or set " + JdbcSettings.CREATE_TABLE + "=true")
                    + ", or unset " + CoreKeys.SESSION_PRINCIPAL_INDEX, probeFailure);
        }
        if (probeFailure != null) {
            LOG.log(System.Logger.Level.WARNING, "session-jdbc found no column principal in the session table " + dialect.table
                    + " in " + executor.target() + " (tables created before session4j indexed signed-in sessions lack it): "
                    + SqlExecutor.describe(probeFailure, executor.secrets()) + ". Sessions are not indexed by user, and a"
                    + " setting that needs it stops start-up; add it (" + String.join("; ", dialect.addPrincipalColumn())
                    + ";) with your migration tool"
                    + (settings.createTable() ? " or a user that may alter the table" : " or set " + JdbcSettings.CREATE_TABLE + "=true"));
        }
        return probeFailure == null;
    }

    private static SQLException addPrincipalColumn(SqlExecutor executor, Dialect dialect) {
        return executor.run("add the column principal to " + dialect.table, c -> {
            try (Statement statement = c.createStatement()) {
                for (String ddl : dialect.addPrincipalColumn()) {
                    statement.execute(ddl);
                }
                return null;
            } catch (SQLException e) {
                // Another instance may have added it at the same moment: the probe decides.
                return e;
            }
        });
    }

    /**
     * The dialect for the table's columns: a table of an earlier session4j has no {@code frames}
     * column, which is added when {@code SESSION_JDBC_CREATE_TABLE} allows; otherwise the table is
     * used as it is, without delta frames.
     */
    private static Dialect withFramesColumn(SqlExecutor executor, JdbcSettings settings, Dialect dialect) {
        SQLException probeFailure = probe(executor, dialect, dialect.probeFrames());
        if (probeFailure != null && settings.createTable()) {
            SQLException alterFailure = executor.run("add the column frames to " + dialect.table, c -> {
                try (Statement statement = c.createStatement()) {
                    statement.execute(dialect.addFramesColumn());
                    return null;
                } catch (SQLException e) {
                    // Another instance may have added it at the same moment: the probe decides.
                    return e;
                }
            });
            probeFailure = probeAfterAlter(executor, dialect, dialect.probeFrames(), alterFailure);
            if (probeFailure != null && alterFailure != null) {
                probeFailure = alterFailure;
            }
        }
        if (probeFailure == null) {
            return dialect;
        }
        if (settings.deltaWrites()) {
            throw new SessionBackendException("session-jdbc found no column frames in the session table "
                    + dialect.table + " in " + executor.target() + " (tables created before session4j stored delta"
                    + " frames lack it): " + SqlExecutor.describe(probeFailure, executor.secrets()) + ". "
                    + CoreKeys.SESSION_DELTA_WRITES + "=true needs it: add it (" + dialect.addFramesColumn()
                    + ";) with your migration tool"
                    + (settings.createTable() ? " or a user that may alter the table" : " or set " + JdbcSettings.CREATE_TABLE + "=true")
                    + ", or set " + CoreKeys.SESSION_DELTA_WRITES + "=false", probeFailure);
        }
        return dialect.withColumns(false, dialect.principal);
    }

    /**
     * The probe after an {@code ALTER TABLE}. When the {@code ALTER} failed, another instance may
     * be running the same one (starting together on a table of an earlier session4j) and hold the
     * table's lock, so the probe is tried again for up to {@link #ALTER_WAIT} before it decides.
     */
    private static SQLException probeAfterAlter(SqlExecutor executor, Dialect dialect, String sql, SQLException alterFailure) {
        SQLException failure = probe(executor, dialect, sql);
        long deadline = System.nanoTime() + ALTER_WAIT.toNanos();
        while (failure != null && alterFailure != null && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure;
            }
            failure = probe(executor, dialect, sql);
        }
        return failure;
    }

    private static SQLException probe(SqlExecutor executor, Dialect dialect, String sql) {
        return executor.run("check the table " + dialect.table, c -> {
            try (Statement statement = c.createStatement()) {
                statement.executeQuery(sql).close();
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
    }

    private static SessionBackendException missingTable(SqlExecutor executor, JdbcSettings settings,
            Dialect dialect, SQLException cause) {
        String ddl = String.join(";\n", dialect.createTable()) + ";";
        String what = settings.createTable()
                ? "could not create the session table " + dialect.table
                : "found no usable session table " + dialect.table + " and " + JdbcSettings.CREATE_TABLE
                        + " is false";
        String fix = settings.createTable()
                ? "Create it with a user that may, or check " + JdbcSettings.SCHEMA
                : "Create it (with your migration tool) or set " + JdbcSettings.CREATE_TABLE + "=true";
        return new SessionBackendException("session-jdbc " + what + " in " + executor.target() + ": "
                + SqlExecutor.describe(cause, executor.secrets()) + ". " + fix + "; the " + dialect.product() + " DDL is:\n" + ddl, cause);
    }
}
