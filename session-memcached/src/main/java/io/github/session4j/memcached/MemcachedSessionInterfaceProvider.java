package io.github.session4j.memcached;

import io.github.session4j.config.Setting;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Set;

/**
 * The {@code memcached} backend: sessions in a pool of memcached servers, spread by consistent
 * (Ketama) hashing, through spymemcached's binary protocol.
 *
 * <p>Settings: {@code SESSION_MEMCACHED} ({@code host:port[,host:port...]}, required),
 * {@code SESSION_MEMCACHED_OPERATION_TIMEOUT} (default {@code 1s}),
 * {@code SESSION_MEMCACHED_CONNECT_TIMEOUT} (default {@code 5s}) and
 * {@code SESSION_MEMCACHED_FAILURE_MODE} ({@code redistribute}, the default, {@code cancel} or
 * {@code retry}). The core's {@code SESSION_KEY_PREFIX} is checked against memcached's key rules.
 */
public final class MemcachedSessionInterfaceProvider implements SessionInterfaceProvider {

    /**
     * Creates the provider; does no I/O.
     */
    public MemcachedSessionInterfaceProvider() {
    }

    @Override
    public String name() {
        return "memcached";
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-memcached";
    }

    @Override
    public List<Setting<?>> settings() {
        return MemcachedSettings.SETTINGS;
    }

    /**
     * None: memcached expires records by itself, cannot count or list them, and learns no version
     * from a write, so the memcached backend neither sweeps, counts, appends nor revalidates.
     *
     * @return the empty set
     */
    @Override
    public Set<Class<?>> capabilities() {
        // the records it stores are the core's bytes, flags 0, under the key given, with gets/cas
        // versions: under SESSION_RECORD_FORMAT=flask-session they are exactly Flask-Session's
        return Set.of(FlaskRecordStore.class);
    }

    /**
     * Validates the settings, connects to every server and checks it.
     *
     * @param context the configuration, the core settings and the clock
     * @return the backend
     * @throws io.github.session4j.SessionConfigException when a setting is missing or invalid
     * @throws io.github.session4j.SessionBackendException when a server cannot be reached or used
     */
    @Override
    public SessionInterface create(BackendContext context) {
        MemcachedSettings settings = MemcachedSettings.from(context.config(), context.core().keyPrefix());
        return new MemcachedSessionInterface(MemcachedConnector.connect(settings), settings,
                new MemcachedExpiry(context.clock()));
    }
}
