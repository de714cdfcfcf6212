package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code SESSION_RECORD_CACHE} on a real Redis: a kept 50 KB session is read again with one
 * {@code EVALSHA} that returns no value (the server's own {@code total_net_output_bytes} shows it),
 * a modifying request stays at two round trips, and a change made by another instance is read
 * with a second round trip.
 */
class RedisRecordCacheTest {

    private static final int SIZE = 50_000;
    private static final Pattern NET_OUTPUT = Pattern.compile("total_net_output_bytes:(\\d+)");

    private final String prefix = TestKeys.uniquePrefix();
    private SessionManager cached;
    private SessionManager other;
    private RedisConnection admin;
    private CommandStats stats;
    private String cookie;

    @BeforeEach
    void open() {
        cached = manager("SESSION_RECORD_CACHE", "16MB");
        other = manager("SESSION_RECORD_CACHE", "0");
        admin = RedisConnection.server(TestServers.redis().port());
        stats = new CommandStats(List.of(admin));
        SessionContext first = cached.begin(RequestHeaders.none());
        first.session().put("data", new byte[SIZE]);
        first.session().put("counter", 0L);
        String setCookie = first.commit().header("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        request(cached, s -> s.get("counter")); // the first load keeps the record
    }

    private SessionManager manager(String... settings) {
        SessionConfig.Builder config = SessionConfig.builder()
                .put("SESSION_TYPE", "redis")
                .put("SESSION_REDIS", TestServers.redis().uri())
                .put("SESSION_REDIS_CONNECT_TIMEOUT", "30s")
                .put("SESSION_REDIS_COMMAND_TIMEOUT", "5s")
                .put("SESSION_DELTA_WRITES", "true")
                .put("PERMANENT_SESSION_LIFETIME", "1h")
                .put("SESSION_KEY_PREFIX", prefix);
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return SessionManager.create(new RedisSessionInterfaceProvider(), config.build());
    }

    @AfterEach
    void closeAll() {
        cached.close();
        other.close();
        admin.close();
    }

    @Test
    void aKeptSessionIsReadAgainInOneRoundTripThatCarriesNoRecord() {
        long before = stats.count();
        Object counter = request(cached, s -> s.get("counter"));

        assertThat(counter).isEqualTo(0L);
        assertThat(stats.count() - before).as("round trips of a read of a kept session").isEqualTo(1);
        assertThat(cached.stats().revalidated()).isEqualTo(1);
        assertThat(bytesSentFor(() -> request(cached, s -> s.get("counter"))))
                .as("bytes Redis sent for a read of a kept %d-byte session", SIZE).isLessThan(100);
        assertThat(bytesSentFor(() -> request(other, s -> s.get("counter"))))
                .as("bytes Redis sent for the same read by an instance without the cache").isGreaterThan(SIZE);
    }

    @Test
    void modifyingAKeptSessionCostsTwoRoundTrips() {
        long before = stats.count();

        modify(cached, s -> s.put("counter", 1L));

        assertThat(stats.count() - before).as("round trips of a modifying request on a kept session").isEqualTo(2);
        Object readByOther = request(other, s -> s.get("counter"));
        assertThat(readByOther).as("the counter another instance reads").isEqualTo(1L);
        long afterOwnSave = stats.count();
        Object readByCached = request(cached, s -> s.get("counter"));
        assertThat(readByCached).as("the counter this instance reads").isEqualTo(1L);
        assertThat(stats.count() - afterOwnSave).as("round trips of a read after this instance's own save").isEqualTo(1);
    }

    @Test
    void aChangeByAnotherInstanceIsReadInASecondRoundTrip() {
        modify(other, s -> s.put("counter", 7L));
        long before = stats.count();

        Object counter = request(cached, s -> s.get("counter"));

        assertThat(counter).as("the counter after another instance set it").isEqualTo(7L);
        assertThat(stats.count() - before).as("round trips: the revalidation, then the GETEX").isEqualTo(2);
    }

    @Test
    void aRevalidatedReadRefreshesTheExpiry() {
        String key = cached.storeKey(cookie.substring(cookie.indexOf('=') + 1));
        admin.commands().pexpire(key.getBytes(StandardCharsets.UTF_8), 60_000);

        request(cached, s -> s.get("counter"));

        assertThat(cached.stats().revalidated()).isEqualTo(1);
        Duration ttl = Duration.ofMillis(admin.commands().pttl(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(ttl).as("the key's TTL after a revalidated read, with a lifetime of 1h (it was 1 min)")
                .isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    @Test
    void aSessionInvalidatedByAnotherInstanceIsGone() {
        request(other, s -> {
            s.invalidate();
            return null;
        });

        boolean isNew = request(cached, s -> s.isNew());

        assertThat(isNew).as("the session is new after another instance invalidated it").isTrue();
    }

    private <T> T request(SessionManager manager, Function<Session, T> code) {
        SessionContext context = manager.begin(RequestHeaders.cookie(cookie));
        T result = code.apply(context.session());
        context.commit();
        return result;
    }

    private void modify(SessionManager manager, Consumer<Session> code) {
        request(manager, s -> {
            code.accept(s);
            return null;
        });
    }

    /** The bytes Redis sent while {@code action} ran, less those of the INFO replies that measure them. */
    private long bytesSentFor(Runnable action) {
        long first = netOutputBytes();
        long second = netOutputBytes();
        action.run();
        long third = netOutputBytes();
        long infoReply = second - first;
        return third - second - infoReply;
    }

    private long netOutputBytes() {
        String info = admin.commands().info("stats");
        Matcher m = NET_OUTPUT.matcher(info);
        assertThat(m.find()).as("total_net_output_bytes in INFO stats").isTrue();
        return Long.parseLong(m.group(1));
    }
}
