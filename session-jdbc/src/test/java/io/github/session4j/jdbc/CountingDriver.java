package io.github.session4j.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for URLs {@code jdbc:counting:<real URL without jdbc:>} that delegates to the
 * real driver and counts every statement executed, so that tests can count the statements of a
 * backend built by the provider from {@code SESSION_JDBC_URL}. Registered in
 * {@code META-INF/services/java.sql.Driver} of the test classpath.
 */
public final class CountingDriver implements Driver {

    /** The prefix of URLs this driver accepts. */
    static final String PREFIX = "jdbc:counting:";

    /** Statements executed through any connection of this driver (tests read deltas). */
    static final StatementCounter COUNTER = new StatementCounter();

    static {
        // DriverManager only instantiates service-listed drivers: each must register itself.
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Creates the driver; called by {@link java.util.ServiceLoader}. */
    public CountingDriver() {
        // no state
    }

    /**
     * The counting form of a real JDBC URL.
     *
     * @param url such as {@code jdbc:postgresql://host/db}
     * @return such as {@code jdbc:counting:postgresql://host/db}
     */
    static String countingUrl(String url) {
        return PREFIX + url.substring("jdbc:".length());
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String real = realUrl(url);
        return COUNTER.wrap(DriverManager.getDriver(real).connect(real, info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        String real = realUrl(url);
        return DriverManager.getDriver(real).getPropertyInfo(real, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    private static String realUrl(String url) {
        return "jdbc:" + url.substring(PREFIX.length());
    }
}
