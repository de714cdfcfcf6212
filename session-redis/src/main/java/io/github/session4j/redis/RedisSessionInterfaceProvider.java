package io.github.session4j.redis;

import io.github.session4j.config.Setting;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Set;

/**
 * The {@code redis} backend ({@code SESSION_TYPE=redis}): sessions in Redis through Lettuce, on
 * one server ({@code redis://}, {@code rediss://} for TLS), a Sentinel group
 * ({@code redis-sentinel://}) or a Redis Cluster ({@code SESSION_REDIS_CLUSTER=true}).
 *
 * <p>Settings: {@code SESSION_REDIS} (required, no default), {@code SESSION_REDIS_CLUSTER}
 * ({@code false}), {@code SESSION_REDIS_CONNECT_TIMEOUT} ({@code 10s}),
 * {@code SESSION_REDIS_COMMAND_TIMEOUT} ({@code 1s}), {@code SESSION_REDIS_CLIENT_NAME}
 * ({@code session4j}), {@code SESSION_REDIS_TLS_CA_FILE} (unset: the JDK's trust store). Needs
 * Redis 6.2 or newer.
 */
public final class RedisSessionInterfaceProvider implements SessionInterfaceProvider {

    /**
     * Creates the provider; does no I/O.
     */
    public RedisSessionInterfaceProvider() {
        // the work happens in create()
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-redis";
    }

    @Override
    public List<Setting<?>> settings() {
        return RedisSettings.SETTINGS;
    }

    /**
     * What the Redis backend can do besides load, write, delete and touch: count, append,
     * revalidate and keep the principal index (standalone and Cluster), and, under
     * {@code SESSION_RECORD_FORMAT=flask-session}, store Flask-Session's records (that backend
     * keeps no index). It does not sweep: Redis expires keys by itself.
     *
     * @return {@link SessionCounter}, {@link RecordAppender}, {@link RecordRevalidator},
     *     {@link PrincipalIndex}, {@link FlaskRecordStore}
     */
    @Override
    public Set<Class<?>> capabilities() {
        return Set.of(SessionCounter.class, RecordAppender.class, RecordRevalidator.class, PrincipalIndex.class,
                FlaskRecordStore.class, RecordScanner.class);
    }

    /**
     * Validates the settings, connects, checks the server with {@code PING} and its version
     * within the connect timeout, and loads the replace and append scripts.
     *
     * @param context the configuration, the core settings and the clock
     * @return the backend, with the {@linkplain #capabilities() capabilities} listed
     * @throws io.github.session4j.SessionConfigException naming every invalid setting
     * @throws io.github.session4j.SessionBackendException when Redis cannot be reached in time,
     *     refuses the connection, or is older than 6.2
     */
    @Override
    public SessionInterface create(BackendContext context) {
        RedisSettings settings = RedisSettings.from(context.config());
        RedisLink link = new RedisConnector(settings).connect();
        if (context.core().flaskRecords()) {
            FlaskRedisSessionInterface flask = new FlaskRedisSessionInterface(link, settings, context.clock());
            try {
                flask.loadScript();
            } catch (RuntimeException e) {
                flask.close();
                throw e;
            }
            return flask;
        }
        RedisSessionInterface backend = new RedisSessionInterface(link, settings,
                context.core().keyPrefix());
        try {
            backend.loadScript();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
    }
}
