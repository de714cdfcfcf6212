package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.jdbc.JdbcSessionInterfaceProvider;
import io.github.session4j.servers.JdbcSideDoor;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code jdbc} backend on H2 (files in a temp dir), on the machine's PostgreSQL, or on its
 * MariaDB (only for the tests of sessions by user, {@link Stores#indexing()}), each in a schema the
 * suite creates and drops when the JVM exits ({@link JdbcTestDatabase}). The side door
 * is plain JDBC outside the backend's pool ({@link JdbcSideDoor}).
 */
final class JdbcStore extends Store {

    private final String label;
    private final JdbcTestDatabase database;

    private JdbcStore(String label, JdbcTestDatabase.Kind kind) {
        this.label = label;
        this.database = JdbcTestDatabase.create(kind);
        Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }

    /** @return H2 in files under a new temp dir */
    static JdbcStore h2() {
        return new JdbcStore("jdbc-h2", JdbcTestDatabase.Kind.H2_FILE);
    }

    /** @return the machine's PostgreSQL, in a schema of the suite's own */
    static JdbcStore postgresql() {
        return new JdbcStore("jdbc-postgresql", JdbcTestDatabase.Kind.POSTGRESQL);
    }

    /** @return the machine's MariaDB, in a database of the suite's own */
    static JdbcStore mariadb() {
        return new JdbcStore("jdbc-mariadb", JdbcTestDatabase.Kind.MARIADB);
    }

    @Override
    String label() {
        return label;
    }

    @Override
    String type() {
        return "jdbc";
    }

    @Override
    Map<String, String> settings() {
        return database.settings();
    }

    @Override
    boolean followsConfigClock() {
        return true;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_JDBC_CONNECT_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        return new JdbcSessionInterfaceProvider().create(BackendContext.validate(new JdbcSessionInterfaceProvider(), config, clock));
    }

    /**
     * On PostgreSQL, yes: the save's {@code WHERE} compares {@code clock_timestamp()} with the
     * save's deadline. H2 and MariaDB have the statement timeout only (session-jdbc's README).
     */
    @Override
    boolean fencesWrites() {
        return database.kind() == JdbcTestDatabase.Kind.POSTGRESQL;
    }

    @Override
    boolean canFreeze() {
        return database.kind() == JdbcTestDatabase.Kind.POSTGRESQL;
    }

    @Override
    Outage freezable() {
        if (!canFreeze()) {
            throw new UnsupportedOperationException(label + ": only a PostgreSQL backend process can be frozen");
        }
        return new PostgresBackendFreeze(database);
    }

    @Override
    SideDoor sideDoor() {
        return new JdbcSideDoor(database, Clock::systemUTC);
    }
}
