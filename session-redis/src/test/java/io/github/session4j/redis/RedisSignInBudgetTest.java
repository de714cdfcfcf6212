package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The round trips of signing in and out through the real {@code SessionManager}, counted by the
 * Redis servers in {@code INFO commandstats}, exactly as the README states them: standalone, the
 * index change rides in the write's script; on a cluster, each entry a sign-in changes is one more
 * command (signing in again as the same user changes one entry: the tombstone's hand-over).
 */
class RedisSignInBudgetTest {

    private SessionManager sessions;
    private List<RedisConnection> servers;
    private CommandStats stats;

    @AfterEach
    void closeAll() {
        sessions.close();
        servers.forEach(RedisConnection::close);
    }

    @ParameterizedTest(name = "cluster={0}")
    @ValueSource(booleans = {false, true})
    void signingInAndOutCostsWhatTheReadmeSays(boolean cluster) {
        open(cluster);
        int extra = cluster ? 1 : 0;
        String[] cookie = new String[1];

        assertThat(roundTrips(null, context -> context.signIn("ada"), cookie))
                .as("a sign-in in a new session: the create").isEqualTo(1 + extra);
        String anonymous = newSession();
        assertThat(roundTrips(anonymous, context -> context.signIn("ada"), cookie))
                .as("a sign-in in a stored anonymous session: load, create, tombstone").isEqualTo(3 + extra);
        String signedIn = cookie[0];
        assertThat(roundTrips(signedIn, context -> context.session().put("visits", 2), cookie))
                .as("a change of a signed-in session").isEqualTo(2);
        assertThat(roundTrips(signedIn, context -> context.signIn("ada"), cookie))
                .as("signing in again: load, create, a tombstone that hands its place in the entry over").isEqualTo(3 + extra);
        assertThat(roundTrips(cookie[0], context -> context.signIn("grace"), cookie))
                .as("signing in as another user: load, create (adds to one entry), tombstone (leaves the other)")
                .isEqualTo(3 + 2 * extra);
        assertThat(roundTrips(cookie[0], SessionContext::signOut, cookie))
                .as("a sign-out: load, delete with the member").isEqualTo(2 + extra);

        long before = stats.count();
        assertThat(sessions.sessionsOf("ada").sessions()).hasSize(1);
        assertThat(stats.count() - before).as("listing one session: the page, then its record").isEqualTo(2);
    }

    private void open(boolean cluster) {
        SessionConfig.Builder config = SessionConfig.builder()
                .put("SESSION_TYPE", "redis")
                .put("SESSION_REDIS_CONNECT_TIMEOUT", "30s")
                .put("SESSION_REDIS_COMMAND_TIMEOUT", "5s")
                .put("SESSION_KEY_PREFIX", TestKeys.uniquePrefix());
        if (cluster) {
            config.put("SESSION_REDIS", TestServers.redisCluster().uris()).put("SESSION_REDIS_CLUSTER", "true");
            servers = TestServers.redisCluster().ports().stream().map(RedisConnection::server).toList();
        } else {
            config.put("SESSION_REDIS", TestServers.redis().uri());
            servers = List.of(RedisConnection.server(TestServers.redis().port()));
        }
        sessions = SessionManager.create(new RedisSessionInterfaceProvider(), config.build());
        stats = new CommandStats(servers);
    }

    private String newSession() {
        SessionContext first = sessions.begin(RequestHeaders.none());
        first.session().put("cart", "book");
        return cookieOf(first.commit().header("Set-Cookie").orElseThrow());
    }

    /** The round trips of one request; {@code cookie[0]} is then the cookie the response set, or the one sent. */
    private long roundTrips(String sent, Consumer<SessionContext> request, String[] cookie) {
        long before = stats.count();
        SessionContext context = sessions.begin(sent == null ? RequestHeaders.none() : RequestHeaders.cookie(sent));
        request.accept(context);
        cookie[0] = context.commit().header("Set-Cookie").map(RedisSignInBudgetTest::cookieOf).orElse(sent);
        return stats.count() - before;
    }

    private static String cookieOf(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
