package io.github.session4j.spring;

import io.github.session4j.config.Setting;
import io.github.session4j.jdbc.JdbcSessionInterface;
import io.github.session4j.jdbc.JdbcSessionInterfaceProvider;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The {@code jdbc} backend over the application's {@link DataSource}: session-jdbc's provider in
 * everything (name, settings, capabilities) but the connections, which come from the DataSource
 * that the application owns and closes. Loaded only when session-jdbc is on the classpath.
 */
final class DataSourceJdbcProvider implements SessionInterfaceProvider {

    /** The settings that describe session-jdbc's own pool, which a given DataSource replaces. */
    private static final List<String> POOL_KEYS = List.of("SESSION_JDBC_USER", "SESSION_JDBC_PASSWORD",
            "SESSION_JDBC_CONNECT_TIMEOUT");

    private final JdbcSessionInterfaceProvider delegate = new JdbcSessionInterfaceProvider();
    private final DataSource dataSource;

    DataSourceJdbcProvider(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The keys set that a given DataSource makes useless.
     *
     * @param keys the configuration's keys
     * @return those of session-jdbc's own pool, sorted
     */
    static Set<String> poolKeysIn(Set<String> keys) {
        Set<String> found = new TreeSet<>();
        for (String key : keys) {
            if (POOL_KEYS.contains(key) || key.startsWith("SESSION_JDBC_POOL_")) {
                found.add(key);
            }
        }
        return found;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String artifact() {
        return delegate.artifact();
    }

    @Override
    public List<Setting<?>> settings() {
        return delegate.settings();
    }

    @Override
    public Set<String> configKeys() {
        return delegate.configKeys();
    }

    @Override
    public Set<Class<?>> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public SessionInterface create(BackendContext context) {
        return JdbcSessionInterface.create(dataSource, context);
    }
}
