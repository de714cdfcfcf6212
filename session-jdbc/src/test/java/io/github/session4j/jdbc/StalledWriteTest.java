package io.github.session4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionBackendException;
import io.github.session4j.servers.JdbcTestDatabase;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 22, "a 503 must mean nothing was written", for jdbc: a database that stalls in the middle
 * of a save (a trigger on the session table sleeps {@link #STALL_SECONDS} s) makes the save fail
 * after {@code SESSION_JDBC_STATEMENT_TIMEOUT} (1 s here), so the request is answered 503; the
 * statement is cancelled by the driver and rolled back by the database, so the row keeps its old
 * data and version. Without the statement timeout the save waits for the trigger and succeeds.
 * PostgreSQL (pgjdbc sends a cancel request; SQLState 57014) and MariaDB (Connector/J runs the
 * statement under {@code SET STATEMENT max_statement_time=1 FOR}).
 */
class StalledWriteTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final int STALL_SECONDS = 4;
    private static final byte[] OLD = "old".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JdbcTestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aSaveThatTheDatabaseStallsTimesOutAndIsRolledBack(JdbcTestDatabase.Kind kind) throws SQLException {
        try (Fixture fixture = Fixture.open(kind, settings -> settings.put(JdbcSettings.STATEMENT_TIMEOUT, "1s"))) {
            String key = "session:stalled";
            Writes.create(fixture.backend, key, OLD, TTL);
            long version = fixture.backend.load(key).orElseThrow().version();
            stallUpdates(fixture.database);

            assertThatThrownBy(() -> Writes.replace(fixture.backend, key, "new".getBytes(StandardCharsets.UTF_8), version, TTL))
                    .isInstanceOf(SessionBackendException.class)
                    .hasMessageStartingWith("session-jdbc could not save a session in ");

            // a locking read waits until the stalled UPDATE's transaction has ended, however it ended
            assertThat(lockedRead(fixture.database, key)).isEqualTo(new String(OLD, StandardCharsets.UTF_8) + "@" + version);
            assertThat(fixture.backend.load(key).orElseThrow().version()).isEqualTo(version);

            fixture.database.execute(kind == JdbcTestDatabase.Kind.POSTGRESQL
                    ? "DROP TRIGGER stall ON " + fixture.database.table()
                    : "DROP TRIGGER " + fixture.database.schema() + ".stall");
            assertThat(Writes.replace(fixture.backend, key, "new".getBytes(StandardCharsets.UTF_8), version, TTL))
                    .as("the row is still at its old version, so the save now wins").isTrue();
        }
    }

    /**
     * The backend process that serves the pool's one connection is frozen ({@code SIGSTOP}) before
     * a save: the client's cancel is not answered, so the save fails when the URL's
     * {@code socketTimeout} (3 s) fires and the request is answered 503; the statement waits in
     * the frozen backend's socket. When it resumes it runs the statement, after its deadline: the
     * fence in its {@code WHERE} ({@code clock_timestamp()} against the deadline the save carries)
     * matches no row. Without the fence the row was changed (tried: version + 1, data "new").
     */
    @Test
    void aSaveThatAFrozenPostgresqlBackendRunsAfterTheRequestGaveUpChangesNothing() throws Exception {
        String application = "session4j-fence-" + System.nanoTime();
        try (Fixture fixture = Fixture.open(JdbcTestDatabase.Kind.POSTGRESQL, settings -> {
            settings.put("SESSION_JDBC_URL", settings.get("SESSION_JDBC_URL") + "?ApplicationName=" + application + "&socketTimeout=3");
            settings.put("SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "1");
            settings.put(JdbcSettings.STATEMENT_TIMEOUT, "1s");
        })) {
            String key = "session:frozen";
            Writes.create(fixture.backend, key, OLD, TTL);
            long version = fixture.backend.load(key).orElseThrow().version();
            long pid = backendPid(fixture.database, application);

            signal("STOP", pid);
            try {
                assertThatThrownBy(() -> Writes.replace(fixture.backend, key, "new".getBytes(StandardCharsets.UTF_8), version, TTL))
                        .isInstanceOf(SessionBackendException.class).hasMessageContaining("Read timed out");
            } finally {
                signal("CONT", pid);
            }
            // the resumed backend runs the waiting UPDATE, then finds its connection closed and exits
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> backendGone(fixture.database, pid));
            assertThat(lockedRead(fixture.database, key)).isEqualTo(new String(OLD, StandardCharsets.UTF_8) + "@" + version);
        }
    }

    private static long backendPid(JdbcTestDatabase database, String application) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, application);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("the pool's one backend process").isTrue();
                long pid = rows.getLong(1);
                assertThat(rows.next()).as("only one backend process").isFalse();
                return pid;
            }
        }
    }

    private static boolean backendGone(JdbcTestDatabase database, long pid) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            statement.setLong(1, pid);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + pid + " (needs root or the postgres user)").isZero();
    }

    private static void stallUpdates(JdbcTestDatabase database) {
        if (database.kind() == JdbcTestDatabase.Kind.POSTGRESQL) {
            database.execute("CREATE FUNCTION " + database.schema() + ".stall() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep("
                    + STALL_SECONDS + "); RETURN NEW; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER stall BEFORE UPDATE ON " + database.table() + " FOR EACH ROW EXECUTE FUNCTION "
                            + database.schema() + ".stall()");
        } else {
            database.execute("CREATE TRIGGER " + database.schema() + ".stall BEFORE UPDATE ON " + database.table()
                    + " FOR EACH ROW SET @stalled = SLEEP(" + STALL_SECONDS + ")");
        }
    }

    /** The row's data and version, read under a row lock in a transaction of its own. */
    private static String lockedRead(JdbcTestDatabase database, String key) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT data, version FROM " + database.table() + " WHERE id = ? FOR UPDATE")) {
                statement.setString(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    return new String(rows.getBytes(1), StandardCharsets.UTF_8) + "@" + rows.getLong(2);
                }
            } finally {
                connection.rollback();
            }
        }
    }
}
