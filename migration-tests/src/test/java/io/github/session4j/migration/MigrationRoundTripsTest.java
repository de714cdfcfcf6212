package io.github.session4j.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.CoreSettings;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.memcached.MemcachedSessionInterfaceProvider;
import io.github.session4j.redis.RedisSessionInterfaceProvider;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.testkit.CountingSessionInterface;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live migration costs, in round trips counted by the kit's {@link CountingSessionInterface}
 * around each store (memcached the old one, Redis the new one): nothing extra for a session found
 * in the new store; one read of the old store for a miss; one create in the new store for a
 * session moved, whether its request changed it or only read it; one delete in the old store for
 * each delete.
 */
class MigrationRoundTripsTest {

    @TempDir
    Path dir;

    private final String prefix = "metrics21-trips-" + UUID.randomUUID() + ":";
    private final AtomicLong onRedis = new AtomicLong();
    private final AtomicLong onMemcached = new AtomicLong();
    private SessionManager old;
    private SessionManager manager;

    @BeforeEach
    void start() {
        old = Store.MEMCACHED.manager(prefix, dir);
        SessionConfig redis = SessionConfig.builder().putAll(Store.REDIS.settings(prefix, dir)).build();
        SessionConfig memcached = SessionConfig.builder().putAll(Store.MEMCACHED.settings(prefix, dir)).build();
        manager = SessionManager.builder(redis)
                .backend("redis", new CountingSessionInterface(backend(new RedisSessionInterfaceProvider(), redis), onRedis))
                .migrateFrom("memcached", new CountingSessionInterface(backend(new MemcachedSessionInterfaceProvider(), memcached), onMemcached))
                .build();
    }

    @AfterEach
    void stop() {
        manager.close();
        old.close();
    }

    private static SessionInterface backend(SessionInterfaceProvider provider, SessionConfig config) {
        CoreSettings settings = CoreSettings.validate(config, provider, List.of(provider));
        return provider.create(BackendContext.of(config, settings, Clock.systemUTC()));
    }

    @Test
    void aSessionInTheNewStoreCostsNothingExtra() {
        String id = run(manager, null, s -> s.put("a", 1L));
        reset();
        run(manager, id, s -> s.get("a"));
        assertTrips(1, 0); // GETEX
        run(manager, id, s -> s.put("a", 2L));
        assertTrips(2, 0); // GETEX, the conditional save
    }

    @Test
    void aReadOnlyRequestMovesItsSessionForOneReadAndOneCreate() {
        String id = run(old, null, s -> s.put("a", 1L));
        reset();
        assertThat(run(manager, id, s -> assertThat(s.get("a")).isEqualTo(1L))).isEqualTo(id);
        assertTrips(2, 1); // Redis: the miss, the create; memcached: the read
        run(manager, id, s -> s.get("a"));
        assertTrips(1, 0); // moved: Redis alone from now on
    }

    @Test
    void aChangingRequestMovesItsSessionWithTheChange() {
        String id = run(old, null, s -> s.put("a", 1L));
        reset();
        run(manager, id, s -> s.put("b", 2L));
        assertTrips(2, 1);
        run(manager, id, s -> assertThat(s).containsEntry("a", 1L).containsEntry("b", 2L));
    }

    @Test
    void aMissInBothStoresCostsOneMoreRead() {
        run(manager, "C".repeat(43), s -> s.get("a"));
        assertTrips(1, 1);
    }

    @Test
    void aDeleteGoesToBothStores() {
        String id = run(manager, null, s -> s.put("a", 1L));
        reset();
        run(manager, id, Session::invalidate);
        assertTrips(2, 1); // Redis: the load, the delete; memcached: the delete
    }

    @Test
    void aRegeneratedSessionsOldKeyIsDeletedInTheOldStore() {
        String id = run(old, null, s -> s.put("a", 1L));
        reset();
        String regenerated = run(manager, id, Session::regenerate);
        assertThat(regenerated).isNotEqualTo(id);
        assertTrips(3, 2); // Redis: the miss, the new ID's create, the tombstone's create; memcached: the read, the delete
        assertThat(Store.stored(old, id)).isEmpty();
    }

    @Test
    void aMovedSignedInSessionJoinsTheNewStoresPrincipalIndex() {
        // the memory backend keeps a principal index (this branch's Redis has none yet); memcached has none
        SessionConfig config = SessionConfig.builder().put("SESSION_KEY_PREFIX", prefix).put("SECRET_KEY", Store.SECRET).build();
        try (SessionManager onMemory = SessionManager.builder(config)
                .backend("memory", new io.github.session4j.memory.MemorySessionInterface(Clock.systemUTC(), prefix))
                .migrateFrom("memcached", backend(new MemcachedSessionInterfaceProvider(),
                        SessionConfig.builder().putAll(Store.MEMCACHED.settings(prefix, dir)).build()))
                .build()) {
            String id = run(old, null, s -> s.put("cart", "tea"));
            SessionContext signIn = old.begin("POST", "/", RequestHeaders.cookie("session=" + id));
            signIn.signIn("ada");
            String signedIn = idOf(signIn.commit().header("Set-Cookie").orElseThrow());

            assertThat(onMemory.indexesPrincipals()).isTrue();
            assertThat(onMemory.sessionsOf("ada").sessions()).isEmpty();
            SessionContext read = onMemory.begin("GET", "/", RequestHeaders.cookie("session=" + signedIn));
            assertThat(read.principal()).contains("ada");
            read.commit();
            assertThat(onMemory.sessionsOf("ada").sessions()).hasSize(1);
            assertThat(onMemory.endSessions("ada")).isEqualTo(1);
            assertThat(Store.stored(old, signedIn)).isEmpty(); // ended in the old store too
        }
    }

    private static String idOf(String setCookie) {
        return setCookie.substring(8, setCookie.indexOf(';'));
    }

    private void reset() {
        onRedis.set(0);
        onMemcached.set(0);
    }

    private void assertTrips(long redis, long memcached) {
        assertThat(onRedis.get()).as("round trips to Redis").isEqualTo(redis);
        assertThat(onMemcached.get()).as("round trips to memcached").isEqualTo(memcached);
        reset();
    }

    /** One request; returns the ID the response's cookie names, or the request's own. */
    private static String run(SessionManager on, String id, Consumer<Session> code) {
        SessionContext context = on.begin("GET", "/", id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
        code.accept(context.session());
        String setCookie = context.commit().header("Set-Cookie").orElse(null);
        return setCookie == null || setCookie.contains("Max-Age=0") ? id : setCookie.substring(8, setCookie.indexOf(';'));
    }
}
