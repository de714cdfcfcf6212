package io.github.session4j.redis;

import static io.github.session4j.testkit.FlaskPython.cookieValue;
import static io.github.session4j.testkit.FlaskPython.flaskId;
import static io.github.session4j.testkit.FlaskPython.python;
import static io.github.session4j.testkit.FlaskPython.pythonBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterfaceProvider;
import io.github.session4j.servers.RedisConnection;
import io.github.session4j.servers.TestServers;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SESSION_RECORD_FORMAT=flask-session on a real Redis: the records and signed cookies are
 * Flask-Session 0.8's, made and checked by Debian's python3-msgpack, python3-itsdangerous and
 * python3-flask (session-api/src/test/python/flask_records.py; scripts/services/python.sh).
 */
class FlaskSessionInteropTest {

    private static final String SECRET = "the-flask-apps-secret-key-of-at-least-32-bytes";
    /** The example: {"_permanent": true, "user": "ada"}. */
    private static final byte[] EXAMPLE = HexFormat.of().parseHex("82aa5f7065726d616e656e74c3a475736572a3616461");

    private SessionManager sessions;
    private RedisConnection admin;
    private String prefix;

    @BeforeEach
    void open() {
        prefix = TestKeys.uniquePrefix();
        sessions = manager(Map.of("SESSION_USE_SIGNER", "true"));
        admin = RedisConnection.server(TestServers.redis().port());
    }

    private SessionManager manager(Map<String, String> extra) {
        SessionConfig.Builder config = SessionConfig.builder()
                .put("SESSION_TYPE", "redis")
                .put("SESSION_REDIS", TestServers.redis().uri())
                .put("SESSION_REDIS_CONNECT_TIMEOUT", "30s")
                .put("SESSION_REDIS_COMMAND_TIMEOUT", "5s")
                .put("SESSION_KEY_PREFIX", prefix)
                .put("SESSION_RECORD_FORMAT", "flask-session")
                .put("SECRET_KEY", SECRET);
        extra.forEach(config::put);
        return SessionManager.create(new RedisSessionInterfaceProvider(), config.build());
    }

    @AfterEach
    void closeAll() {
        sessions.close();
        admin.close();
    }

    @Test
    void javaWritesFlaskSessionsRecordAndSignedCookie() {
        SessionContext context = sessions.begin(RequestHeaders.none());
        context.session().put("user", "ada");
        String cookie = cookieValue(context.commit().header("Set-Cookie").orElseThrow());
        String id = python("unsign", SECRET, cookie);
        assertThat(id).hasSize(43).isNotEqualTo("BAD_SIGNATURE");
        assertThat(cookie).isEqualTo(python("sign", SECRET, id));
        assertThat(admin.commands().get(key(id))).isEqualTo(EXAMPLE);
        long ttl = admin.commands().ttl(key(id));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(31L * 24 * 3600);
    }

    @Test
    void aSessionFlaskWroteIsReadAndChangedByJavaAndReadBackByPython() {
        String id = flaskId();
        admin.commands().set(key(id), pythonBytes("flask-record", "msgpack"), SetArgs.Builder.ex(3600));
        String cookie = python("sign", SECRET, id);
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        assertThat(context.session().get("user")).isEqualTo("ada");
        assertThat(context.session().isPermanent()).isTrue();
        context.session().put("cart", List.of("tea", 2));
        context.commit();
        String described = python("decode", HexFormat.of().formatHex(admin.commands().get(key(id))));
        assertThat(described).isEqualTo("{\"_permanent\": true, \"cart\": [\"tea\", 2], \"user\": \"ada\"}");
    }

    @Test
    void aSignOutOnEitherSideEndsTheSessionOnBoth() {
        String cookie = newSession("user", "ada");
        String id = python("unsign", SECRET, cookie);
        SessionContext out = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        out.session().invalidate();
        out.commit();
        assertThat(admin.commands().exists(key(id))).isZero();

        String other = newSession("user", "bob");
        admin.commands().del(key(python("unsign", SECRET, other))); // Flask-Session's sign-out
        SessionContext after = sessions.begin(RequestHeaders.cookie("session=" + other));
        assertThat(after.session().get("user")).isNull();
    }

    @Test
    void aPickledRecordIsNoSessionWithZeroSideEffects() {
        assertNoSessionAndUntouched(pythonBytes("pickle"), 1);
    }

    @Test
    void aRecordInAnotherFormatIsNoSessionWithZeroSideEffects() {
        assertNoSessionAndUntouched("S4J not a flask record".getBytes(StandardCharsets.UTF_8), 1);
    }

    private void assertNoSessionAndUntouched(byte[] planted, long unreadable) {
        String id = flaskId();
        admin.commands().set(key(id), planted, SetArgs.Builder.ex(3600));
        long ttl = admin.commands().ttl(key(id));
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session()).isEmpty();
        assertThat(context.commit().header("Set-Cookie")).isEmpty();
        assertThat(admin.commands().get(key(id))).isEqualTo(planted);
        assertThat(admin.commands().ttl(key(id))).isBetween(ttl - 5, ttl);
        assertThat(sessions.stats().unreadableRecords()).isEqualTo(unreadable);
        assertThat(sessions.stats().deletes() + sessions.stats().creates() + sessions.stats().replaces()).isZero();
    }

    @Test
    void aCookieWithABadSignatureIsNoSessionWithoutAStoreCall() {
        String id = flaskId();
        admin.commands().set(key(id), EXAMPLE, SetArgs.Builder.ex(3600));
        String forged = id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[20]);
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + forged));
        assertThat(context.session()).isEmpty();
        assertThat(context.commit().header("Set-Cookie")).isEmpty();
        assertThat(sessions.stats().loads()).isZero();
        assertThat(sessions.stats().rejectedIds()).isEqualTo(1);
        SessionContext unsigned = sessions.begin(RequestHeaders.cookie("session=" + id));
        assertThat(unsigned.session()).isEmpty();
        assertThat(admin.commands().get(key(id))).isEqualTo(EXAMPLE);
    }

    @Test
    void anIdNeverIssuedIsNoSessionAndNothingIsWritten() {
        String id = flaskId();
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + python("sign", SECRET, id)));
        assertThat(context.session()).isEmpty();
        assertThat(context.commit().header("Set-Cookie")).isEmpty();
        assertThat(admin.commands().exists(key(id))).isZero();
        assertThat(sessions.stats().creates() + sessions.stats().replaces() + sessions.stats().deletes()).isZero();
    }

    @Test
    void javaInstancesNeverLoseEachOthersUpdatesAndAFlaskOverwriteIsKept() {
        String cookie = newSession("user", "ada");
        String id = python("unsign", SECRET, cookie);
        SessionContext a = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        SessionContext b = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        a.session().put("a", 1);
        b.session().put("b", 2);
        a.commit();
        b.commit(); // lost the compare, reloads and re-applies
        assertThat(python("decode", HexFormat.of().formatHex(admin.commands().get(key(id)))))
                .isEqualTo("{\"_permanent\": true, \"a\": 1, \"b\": 2, \"user\": \"ada\"}");
        assertThat(sessions.stats().conflicts()).isEqualTo(1);

        SessionContext c = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        c.session().put("c", 3);
        admin.commands().set(key(id), EXAMPLE, SetArgs.Builder.ex(3600)); // Flask's blind write in between
        c.commit();
        assertThat(python("decode", HexFormat.of().formatHex(admin.commands().get(key(id)))))
                .isEqualTo("{\"_permanent\": true, \"c\": 3, \"user\": \"ada\"}");
    }

    @Test
    void roundTripsStayZeroOneTwo() {
        String cookie = newSession("user", "ada");
        CommandStats stats = new CommandStats(List.of(admin));
        Map<String, Long> before = stats.calls();
        sessions.begin(RequestHeaders.cookie("session=" + cookie)).commit();
        assertThat(delta(before, stats.calls())).containsOnlyKeys("info");

        before = stats.calls();
        SessionContext read = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        assertThat(read.session().get("user")).isEqualTo("ada");
        read.commit();
        // one EVALSHA of the load script (its GET and PTTL run inside it); no refresh is due yet
        assertThat(delta(before, stats.calls())).containsOnlyKeys("evalsha", "get", "pttl", "info")
                .containsEntry("evalsha", 1L);

        before = stats.calls();
        SessionContext write = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        write.session().put("n", 1);
        write.commit();
        // the script's own GET and SET run inside the one EVALSHA round trip
        assertThat(delta(before, stats.calls())).containsEntry("evalsha", 2L)
                .containsOnlyKeys("evalsha", "get", "pttl", "set", "info");
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n > 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    @Test
    void aNonPermanentSessionWritesNoPermanentKeyAndTheSignerIsOptional() {
        try (SessionManager plain = manager(Map.of("SESSION_PERMANENT", "false"))) {
            SessionContext context = plain.begin(RequestHeaders.none());
            context.session().put("user", "ada");
            String id = cookieValue(context.commit().header("Set-Cookie").orElseThrow());
            assertThat(id).hasSize(43).doesNotContain(".");
            assertThat(python("decode", HexFormat.of().formatHex(admin.commands().get(key(id)))))
                    .isEqualTo("{\"user\": \"ada\"}");
        }
    }

    @Test
    void inJsonTheRecordIsMsgspecsJsonAndARecordWithEveryTypeIsPythonsByteForByte() {
        try (SessionManager json = manager(Map.of("SESSION_SERIALIZATION_FORMAT", "json"))) {
            SessionContext context = json.begin(RequestHeaders.none());
            context.session().put("user", "ada");
            String id = cookieValue(context.commit().header("Set-Cookie").orElseThrow());
            assertThat(admin.commands().get(key(id))).isEqualTo(pythonBytes("flask-record", "json"));
        }
        SessionContext context = sessions.begin(RequestHeaders.none());
        context.session().putAll(everyType());
        String id = python("unsign", SECRET, cookieValue(context.commit().header("Set-Cookie").orElseThrow()));
        assertThat(HexFormat.of().formatHex(admin.commands().get(key(id)))).isEqualTo(python("every-type", "msgpack"));
    }

    @Test
    void aRegeneratedSessionMovesToANewKeyAndTheOldOneIsGone() {
        String cookie = newSession("user", "ada");
        String oldId = python("unsign", SECRET, cookie);
        SessionContext context = sessions.begin(RequestHeaders.cookie("session=" + cookie));
        context.session().regenerate();
        String newId = python("unsign", SECRET, cookieValue(context.commit().header("Set-Cookie").orElseThrow()));
        assertThat(newId).isNotEqualTo(oldId).hasSize(43);
        assertThat(admin.commands().exists(key(oldId))).isZero();
        assertThat(admin.commands().get(key(newId))).isEqualTo(EXAMPLE);
    }

    /** The record of flask_records.py's every-type, in the same order. */
    private static Map<String, Object> everyType() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("none", null);
        m.put("no", false);
        m.put("small", 7);
        m.put("neg", -33);
        m.put("big", 5_000_000_000L);
        m.put("minus", -5_000_000_000L);
        m.put("float", 1.5);
        m.put("text", "h\u00e9llo \"q\" \\ \n\u0001");
        m.put("bytes", new byte[] {0, 1, (byte) 0xff});
        m.put("list", List.of(1, "a", List.of(true)));
        Map<String, Object> nested = new java.util.LinkedHashMap<>();
        nested.put("k", "v");
        nested.put("n", Map.of("x", 2));
        m.put("map", nested);
        m.put("instant", java.time.Instant.parse("2024-01-02T03:04:05.123456Z"));
        m.put("second", java.time.Instant.parse("2024-01-01T00:00:00Z"));
        m.put("uuid", java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        m.put("decimal", new java.math.BigDecimal("1.50"));
        return m;
    }

    @Test
    void startUpRefusesWhatTheFormatCannotHold() {
        assertThatThrownBy(() -> manager(Map.of("SESSION_ENCRYPT", "true")).close())
                .isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("SESSION_ENCRYPT was 'true' but SESSION_RECORD_FORMAT=flask-session stores Flask-Session's"
                        + " plain records");
        assertThatThrownBy(() -> manager(Map.of("SESSION_DELTA_WRITES", "true")).close())
                .hasMessageContaining("SESSION_DELTA_WRITES was 'true' but SESSION_RECORD_FORMAT=flask-session");
        assertThatThrownBy(() -> manager(Map.of("SESSION_ABSOLUTE_LIFETIME", "1d")).close())
                .hasMessageContaining("SESSION_ABSOLUTE_LIFETIME is set but");
        assertThatThrownBy(() -> SessionManager.create(new MemorySessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "memory").put("SESSION_RECORD_FORMAT", "flask-session").build()).close())
                .isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("SESSION_RECORD_FORMAT=flask-session needs a backend that stores Flask-Session's own"
                        + " records, but the memory backend in use does not");
        assertThatThrownBy(() -> SessionManager.create(new RedisSessionInterfaceProvider(), SessionConfig.builder()
                .put("SESSION_TYPE", "redis").put("SESSION_REDIS", TestServers.redis().uri())
                .put("SESSION_RECORD_FORMAT", "flask-session").put("SESSION_USE_SIGNER", "true").build()).close())
                .hasMessageContaining("SESSION_USE_SIGNER was 'true' but SECRET_KEY is not set");
    }

    @Test
    void putRefusesWhatFlaskCannotHold() {
        SessionContext context = sessions.begin(RequestHeaders.none());
        assertThatThrownBy(() -> context.session().put("when", java.time.LocalDate.of(2026, 1, 1)))
                .hasMessageContaining("which a Flask-Session record cannot hold");
        assertThat(context.session()).isEmpty();
    }

    private String newSession(String key, Object value) {
        SessionContext context = sessions.begin(RequestHeaders.none());
        context.session().put(key, value);
        return cookieValue(context.commit().header("Set-Cookie").orElseThrow());
    }

    private byte[] key(String id) {
        return (prefix + id).getBytes(StandardCharsets.UTF_8);
    }
}
