package io.github.session4j.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfigException;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Builds the HikariCP pool of {@link JdbcSessionInterfaceProvider}: checks that a driver accepts
 * the URL, then opens a first connection within {@code SESSION_JDBC_CONNECT_TIMEOUT}.
 */
final class PoolFactory {

    /** The pool's name, in HikariCP's logs and JMX. */
    static final String POOL_NAME = "session4j-jdbc";

    private PoolFactory() {
    }

    /**
     * The pool configuration for {@code settings}.
     *
     * @param settings the validated settings
     * @return the configuration, not yet started
     */
    static HikariConfig configure(JdbcSettings settings) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(POOL_NAME);
        hikari.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            hikari.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            hikari.setPassword(settings.password());
        }
        long timeout = settings.connectTimeout().toMillis();
        hikari.setConnectionTimeout(timeout);
        hikari.setInitializationFailTimeout(timeout);
        settings.pool().applyTo(hikari);
        return hikari;
    }

    /**
     * Starts the pool.
     *
     * @param settings the validated settings
     * @return a pool holding at least one open connection
     * @throws SessionConfigException when no JDBC driver on the classpath accepts the URL
     * @throws SessionBackendException when no connection opens within the timeout
     */
    static HikariDataSource open(JdbcSettings settings) {
        try {
            DriverManager.getDriver(settings.url());
        } catch (SQLException e) {
            throw new SessionConfigException(JdbcSettings.URL + " is '" + settings.maskedUrl()
                    + "' but no JDBC driver on the classpath accepts it; add the driver of your database,"
                    + " such as org.postgresql:postgresql, org.mariadb.jdbc:mariadb-java-client or"
                    + " com.mysql:mysql-connector-j (H2 is included)", e);
        }
        try {
            return new HikariDataSource(configure(settings));
        } catch (RuntimeException e) {
            String user = settings.user().isEmpty() ? "" : " as user " + settings.user();
            throw new SessionBackendException("session-jdbc could not connect to " + settings.maskedUrl() + user
                    + " within " + settings.connectTimeout().toMillis() + " ms (" + JdbcSettings.CONNECT_TIMEOUT
                    + "): " + SqlExecutor.describe(e, settings.secrets()) + ". Check that the database is running"
                    + " and reachable and that " + JdbcSettings.URL + ", " + JdbcSettings.USER + " and "
                    + JdbcSettings.PASSWORD + " are right", e);
        }
    }
}
