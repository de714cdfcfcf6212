package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.servers.JdbcTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A freeze of the PostgreSQL backend process that serves one test app, for {@link FenceTest}: the
 * app's pool holds one connection, named by a unique {@code ApplicationName}, and {@link #freeze()}
 * sends {@code SIGSTOP} to the server process behind it (found in {@code pg_stat_activity}). The
 * shared PostgreSQL server goes on serving everyone else, as a stalled backend does in production.
 *
 * <p>While it is frozen, the app's save waits for the URL's {@code socketTimeout} and its request
 * is answered 503 (the other held requests wait for the pool's one connection, past
 * {@code SESSION_JDBC_CONNECT_TIMEOUT}, and are answered 503 without sending anything). When the
 * process resumes it runs the save that waited in its socket, after the save's deadline: the
 * fence in the {@code WHERE} must make it change nothing. It cannot be stopped and started:
 * {@link #stop()} and {@link #start()} refuse.
 */
final class PostgresBackendFreeze implements Store.Outage {

    /** Longer than the pool's connect timeout, so that only the first held save reaches the frozen process. */
    private static final int SOCKET_TIMEOUT_SECONDS = 2;

    private final JdbcTestDatabase database;
    private final String application = "session4j-fence-" + System.nanoTime();
    private final List<Long> frozen = new ArrayList<>();

    PostgresBackendFreeze(JdbcTestDatabase database) {
        this.database = database;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(database.settings());
        String url = settings.get("SESSION_JDBC_URL");
        settings.put("SESSION_JDBC_URL", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + application
                + "&socketTimeout=" + SOCKET_TIMEOUT_SECONDS);
        settings.put("SESSION_JDBC_POOL_MAXIMUM_POOL_SIZE", "1");
        settings.put("SESSION_JDBC_STATEMENT_TIMEOUT", "1s");
        return settings;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("the suite shares the machine's PostgreSQL: it freezes one backend process, never the server");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("the suite shares the machine's PostgreSQL: it freezes one backend process, never the server");
    }

    @Override
    public void freeze() {
        List<Long> pids = backendPids();
        assertThat(pids).as("the test app's one pooled PostgreSQL backend process (application_name %s)", application).hasSize(1);
        for (long pid : pids) {
            signal("STOP", pid);
            frozen.add(pid);
        }
    }

    @Override
    public void thaw() {
        for (long pid : frozen) {
            signal("CONT", pid);
        }
        frozen.clear();
    }

    @Override
    public void close() {
        thaw(); // never leave a frozen backend process behind
    }

    private List<Long> backendPids() {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, application);
            List<Long> pids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the test app's PostgreSQL backend processes: " + e.getMessage(), e);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -%s %d (needs root or the postgres user, as CI runs)", signal, pid).isZero();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not run kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling a PostgreSQL backend process", e);
        }
    }
}
