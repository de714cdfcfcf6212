package io.github.session4j.mongo;

import io.github.session4j.config.Setting;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.List;
import java.util.Set;

/**
 * Provides the {@code mongodb} backend ({@code SESSION_TYPE=mongodb}, Flask-Session's name):
 * sessions as documents of a MongoDB collection, through mongodb-driver-sync.
 *
 * <p>Settings: {@code SESSION_MONGODB} (the connection string, required),
 * {@code SESSION_MONGODB_DB} ({@code flask_session}), {@code SESSION_MONGODB_COLLECT}
 * ({@code sessions}), {@code SESSION_MONGODB_WRITE_CONCERN} ({@code majority}),
 * {@code SESSION_MONGODB_CONNECT_TIMEOUT} ({@code 5s}), {@code SESSION_MONGODB_TIMEOUT}
 * ({@code 5s}) and {@code SESSION_MONGODB_CREATE_INDEXES} ({@code true}); the module's README
 * describes each.
 */
public final class MongoSessionInterfaceProvider implements SessionInterfaceProvider {

    /** The name {@code SESSION_TYPE} selects. */
    public static final String NAME = "mongodb";

    /** Creates the provider; does nothing else. */
    public MongoSessionInterfaceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-mongo";
    }

    @Override
    public List<Setting<?>> settings() {
        return MongoSettings.SETTINGS;
    }

    /**
     * What the MongoDB backend can do besides load, write, delete and touch: count, sweep (for a
     * server without a TTL index) and keep the principal index (a field of each signed-in
     * session's document); with {@code SESSION_RECORD_FORMAT=flask-session}, Flask-Session's
     * layout, which keeps no principal index. It neither appends nor revalidates.
     *
     * @return {@link SessionCounter}, {@link ExpirySweeper}, {@link PrincipalIndex},
     *     {@link FlaskRecordStore}
     */
    @Override
    public Set<Class<?>> capabilities() {
        return Set.of(SessionCounter.class, ExpirySweeper.class, PrincipalIndex.class, FlaskRecordStore.class, RecordScanner.class);
    }

    /**
     * Validates the settings, connects, checks within {@code SESSION_MONGODB_TIMEOUT} that the
     * server answers, and creates the TTL index unless {@code SESSION_MONGODB_CREATE_INDEXES=false}.
     *
     * @param context the configuration, the core settings and the clock
     * @return the backend, which the caller closes
     * @throws io.github.session4j.SessionConfigException naming every invalid setting
     * @throws io.github.session4j.SessionBackendException when MongoDB cannot be reached in time,
     *     refuses the credentials, or refuses the index
     */
    @Override
    public SessionInterface create(BackendContext context) {
        MongoSettings settings = MongoSettings.from(context.config(), context.core().keyPrefix());
        if (context.core().flaskRecords()) {
            return FlaskMongoSessionInterface.open(settings, context.clock());
        }
        return MongoConnector.open(settings, context.clock());
    }
}
