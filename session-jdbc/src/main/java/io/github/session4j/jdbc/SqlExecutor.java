package io.github.session4j.jdbc;

import io.github.session4j.SessionBackendException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs one unit of work on a pooled connection and turns every {@link SQLException} into a
 * {@link SessionBackendException} that names the operation and the database (password masked).
 */
final class SqlExecutor {

    /** One unit of JDBC work. */
    @FunctionalInterface
    interface Work<T> {
        /**
         * Does the work.
         *
         * @param connection a connection, in the pool's commit mode
         * @return the result
         * @throws SQLException when the database fails
         */
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String target;
    private final List<String> secrets;

    /**
     * Creates an executor.
     *
     * @param dataSource where connections come from
     * @param target the database as messages name it, already masked
     * @param secrets passwords, masked wherever a driver message quotes them
     */
    SqlExecutor(DataSource dataSource, String target, List<String> secrets) {
        this.dataSource = dataSource;
        this.target = target;
        this.secrets = secrets;
    }

    /**
     * The database as messages name it.
     *
     * @return the masked URL or a description of the supplied DataSource
     */
    String target() {
        return target;
    }

    /**
     * Runs {@code work}; commits when the connection is not in auto-commit mode (a pool's choice),
     * and rolls back on failure.
     *
     * @param operation what is done, for the message, such as {@code load a session}
     * @param work the work
     * @param <T> the result type
     * @return the result of {@code work}
     * @throws SessionBackendException when the work or the connection fails
     */
    <T> T run(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                T result = work.apply(connection);
                if (!autoCommit) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    rollbackQuietly(connection, e);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new SessionBackendException("session-jdbc could not " + operation + " in " + target + ": "
                    + describe(e, secrets) + ". Check that the database is running and reachable", e);
        }
    }

    /**
     * The passwords that driver messages may quote, for {@link #describe}.
     *
     * @return the secrets
     */
    List<String> secrets() {
        return secrets;
    }

    /**
     * The SQL state and messages of {@code e} and of its causes, password masked.
     *
     * @param e the failure
     * @param secrets passwords to mask
     * @return one line
     */
    static String describe(Throwable e, List<String> secrets) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause()) {
            if (text.length() > 0) {
                text.append("; caused by ");
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                text.append("[SQLState ").append(sql.getSQLState()).append("] ");
            }
            text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return UrlMasking.mask(text.toString(), secrets);
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
