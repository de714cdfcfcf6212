package io.github.session4j.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.session4j.SessionConfig;
import io.github.session4j.config.Setting;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.ExpirySweeper;
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
 * The {@code jdbc} backend: sessions in a table of H2 (the embedded default), PostgreSQL,
 * MariaDB or MySQL, through a HikariCP pool built from the {@code SESSION_JDBC_*} settings.
 *
 * <p>To use a {@link javax.sql.DataSource} of your own, call
 * {@link JdbcSessionInterface#create(javax.sql.DataSource, SessionConfig)} instead.
 */
public final class JdbcSessionInterfaceProvider implements SessionInterfaceProvider {

    /** Creates the provider; does no I/O. */
    public JdbcSessionInterfaceProvider() {
        // ServiceLoader needs a public no-argument constructor.
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String artifact() {
        return "io.github.session4j:session-jdbc";
    }

    @Override
    public List<Setting<?>> settings() {
        return JdbcSettings.SETTINGS;
    }

    /**
     * The keys of {@link #settings()} and one {@code SESSION_JDBC_POOL_*} key per HikariCP
     * property passed through.
     *
     * @return the keys
     */
    @Override
    public Set<String> configKeys() {
        return JdbcSettings.keys();
    }

    /**
     * Every capability: the JDBC backend sweeps, counts, appends (to its {@code frames} column; a
     * table without it, which start-up may not alter, has no {@link RecordAppender}), revalidates and
     * indexes signed-in sessions (in its {@code principal} column; likewise a table without it has
     * no {@link PrincipalIndex}, and neither has the Flask-Session format).
     *
     * @return {@link ExpirySweeper}, {@link SessionCounter}, {@link RecordAppender}, {@link RecordRevalidator},
     *     {@link FlaskRecordStore}, {@link PrincipalIndex}
     */
    @Override
    public Set<Class<?>> capabilities() {
        return Set.of(ExpirySweeper.class, SessionCounter.class, RecordAppender.class, RecordRevalidator.class,
                FlaskRecordStore.class, PrincipalIndex.class, RecordScanner.class);
    }

    /**
     * Validates the settings, opens the pool (failing within {@code SESSION_JDBC_CONNECT_TIMEOUT}),
     * creates or checks the table and starts the background sweeper.
     *
     * @param context the configuration, the core settings and the clock
     * @return a ready backend that owns its pool
     */
    @Override
    public SessionInterface create(BackendContext context) {
        JdbcSettings settings = JdbcSettings.from(context.config(), context.core());
        if (context.core().flaskRecords()) {
            HikariDataSource pool = PoolFactory.open(settings);
            try {
                return new FlaskJdbcSessionInterface(pool, settings, context.clock());
            } catch (RuntimeException e) {
                pool.close();
                throw e;
            }
        }
        return JdbcSessionInterface.createOwning(PoolFactory.open(settings), settings, context.clock());
    }
}
