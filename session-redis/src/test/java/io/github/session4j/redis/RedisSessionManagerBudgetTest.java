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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-request budget of DESIGN.md §5 through the real {@code SessionManager}, counted by the
 * Redis server in {@code INFO commandstats}: untouched 0, read 1 ({@code GETEX}), modified 2
 * ({@code GETEX} + {@code EVALSHA}).
 */
class RedisSessionManagerBudgetTest {

    private SessionManager sessions;
    private RedisConnection admin;
    private CommandStats stats;
    private String cookie;

    @BeforeEach
    void open() {
        sessions = SessionManager.create(new RedisSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "redis")
                .put("SESSION_REDIS", TestServers.redis().uri())
                .put("SESSION_REDIS_CONNECT_TIMEOUT", "30s")
                .put("SESSION_REDIS_COMMAND_TIMEOUT", "5s")
                .put("SESSION_KEY_PREFIX", TestKeys.uniquePrefix())
                .build());
        admin = RedisConnection.server(TestServers.redis().port());
        stats = new CommandStats(List.of(admin));
        SessionContext first = sessions.begin(RequestHeaders.none());
        first.session().put("visits", 1);
        String setCookie = first.commit().header("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }

    @AfterEach
    void closeAll() {
        sessions.close();
        admin.close();
    }

    @Test
    void anUntouchedSessionCostsNothing() {
        assertThat(roundTripsOf(context -> { })).isZero();
    }

    @Test
    void readingASessionCostsOneRoundTrip() {
        assertThat(roundTripsOf(context -> assertThat(context.session().get("visits")).isEqualTo(1))).isEqualTo(1);
    }

    @Test
    void changingASessionCostsTwoRoundTrips() {
        assertThat(roundTripsOf(context -> context.session().put("visits", 2))).isEqualTo(2);
        assertThat(roundTripsOf(context -> assertThat(context.session().get("visits")).isEqualTo(2))).isEqualTo(1);
    }

    private long roundTripsOf(Consumer<SessionContext> request) {
        long before = stats.count();
        SessionContext context = sessions.begin(RequestHeaders.cookie(cookie));
        request.accept(context);
        context.commit();
        return stats.count() - before;
    }
}
