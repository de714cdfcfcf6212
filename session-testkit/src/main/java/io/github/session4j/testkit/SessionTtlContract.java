package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The TTLs the manager gives the store, checked with the side door: a session's own idle timeout
 * ({@code Session.setIdleTimeout}) is its store TTL after it is created, read and modified (also
 * where the backend refreshes the expiry in the load, with the global lifetime); a session
 * without one keeps {@code PERMANENT_SESSION_LIFETIME}; and the empty record left under the old
 * key of a regenerated session keeps its short TTL when an old cookie is replayed.
 */
abstract class SessionTtlContract extends LifecycleGroup {

    /** The idle timeout the tests give a session of its own, well apart from every lifetime they configure. */
    static final Duration OWN = Duration.ofMinutes(10);

    /** The most the old key of a regenerated session may live on: the core's tombstone TTL. */
    static final Duration TOMBSTONE_TTL = Duration.ofMinutes(1);

    SessionTtlContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    /** A new session holding a value, with {@code timeout} as its own idle timeout; returns its ID. */
    private static String newSessionWithTimeout(SessionManager manager, Duration timeout) {
        SessionContext context = manager.begin(RequestHeaders.none());
        context.session().put("user", "alice");
        context.session().setIdleTimeout(timeout);
        return cookieId(context.commit(), "the commit of a new session with its own idle timeout of " + timeout);
    }

    /** Asserts that the store's TTL of the session {@code id} is {@code expected}, give or take a minute below. */
    private void assertStoreTtl(SessionManager manager, String id, Duration expected, String after) {
        String key = manager.storeKey(id);
        Optional<Duration> ttl = sideDoor().ttl(key);
        assertThat(ttl).as("the side door's TTL of the session %s", after).isPresent();
        assertThat(ttl.get()).as("the store's TTL of the session %s (expected %s)", after, expected)
                .isBetween(expected.minusMinutes(1), expected.plusSeconds(1));
    }

    private static void read(SessionManager manager, String id) {
        SessionContext context = request(manager, id);
        assertThat(context.session().get("user")).as("the value the session holds").isEqualTo("alice");
        context.commit();
    }

    private static void modify(SessionManager manager, String id) {
        SessionContext context = request(manager, id);
        context.session().put("visits", 1);
        context.commit();
    }

    @Test
    void aSessionsOwnIdleTimeoutIsItsStoreTtlAfterACreateAReadAndAModification() {
        SessionManager manager = manager(Map.of("PERMANENT_SESSION_LIFETIME", "2h"));
        String id = newSessionWithTimeout(manager, OWN);
        assertStoreTtl(manager, id, OWN, "created with its own idle timeout of " + OWN + " (the global lifetime is 2h)");

        read(manager, id);
        assertStoreTtl(manager, id, OWN, "after a request read it (a backend that refreshes the expiry in the load sets the"
                + " global lifetime there, and the commit must set the session's own back)");

        modify(manager, id);
        assertStoreTtl(manager, id, OWN, "after a request modified it");

        SessionContext later = request(manager, id);
        assertThat(later.session().idleTimeout()).as("the idle timeout a later request reads from the record")
                .isEqualTo(OWN);
        later.commit();
    }

    @Test
    void aSessionWithItsOwnIdleTimeoutKeepsTheRoundTripBudget() {
        SessionManager manager = manager(Map.of("PERMANENT_SESSION_LIFETIME", "2h"));
        String id = newSessionWithTimeout(manager, OWN);
        RoundTripCounter counter = fixture().roundTripCounter();
        boolean refreshesInLoad = backend().refreshesInLoad();

        long before = counter.count();
        read(manager, id);
        long reading = counter.count() - before;
        before = counter.count();
        modify(manager, id);
        long modifying = counter.count() - before;

        // where the load refreshes the expiry with the global lifetime, one touch sets the session's own back
        assertThat(reading).as("round trips of a request that reads a session with its own idle timeout (%s)",
                refreshesInLoad ? "the load refreshes the expiry: load and one touch" : "one load")
                .isEqualTo(refreshesInLoad ? 2 : 1);
        assertThat(modifying).as("round trips of a request that modifies a session with its own idle timeout"
                + " (load and one conditional save)").isEqualTo(2);
    }

    @Test
    void anOwnIdleTimeoutLongerThanTheGlobalLifetimeIsTheStoreTtl() {
        SessionManager manager = manager(Map.of("PERMANENT_SESSION_LIFETIME", "5m"));
        String id = newSessionWithTimeout(manager, OWN);
        assertStoreTtl(manager, id, OWN, "created with its own idle timeout of " + OWN + " (the global lifetime is 5m)");
        read(manager, id);
        assertStoreTtl(manager, id, OWN, "after a request read it (the global lifetime is 5m)");
    }

    @Test
    void aSessionWithoutItsOwnKeepsTheGlobalLifetime() {
        SessionManager manager = manager(Map.of("PERMANENT_SESSION_LIFETIME", "2h"));
        String id = newSession(manager, Map.of("user", "alice"));
        assertStoreTtl(manager, id, Duration.ofHours(2), "created without an idle timeout of its own");
        read(manager, id);
        assertStoreTtl(manager, id, Duration.ofHours(2), "read, without an idle timeout of its own");
    }

    @Test
    void anIdleSessionEndsAfterItsOwnIdleTimeout() {
        SessionManager manager = manager();
        // no read in between: with a real TTL of two seconds it could come too late on a busy machine (the
        // TTL after a read is checked above, with the side door)
        String id = newSessionWithTimeout(manager, shortTtl());

        letExpire(manager.storeKey(id));

        assertNoLiveSession(manager, id, "idle for longer than its own idle timeout of " + shortTtl());
    }

    @Test
    void theOldKeyOfARegeneratedSessionKeepsItsShortTtlWhenAnOldCookieIsReplayed() {
        SessionManager manager = manager();
        String oldId = newSession(manager, Map.of("user", "alice"));
        SessionContext login = request(manager, oldId);
        login.session().regenerate();
        String newId = cookieId(login.commit(), "a commit after regenerate()");
        assertThat(newId).as("the ID after regenerate()").isNotEqualTo(oldId);

        for (int replay = 1; replay <= 2; replay++) {
            assertNoLiveSession(manager, oldId, "that was regenerated (replay " + replay + " of the old cookie)");
        }

        String oldKey = manager.storeKey(oldId);
        if (sideDoor().exists(oldKey)) {
            assertThat(sideDoor().ttl(oldKey)).as("the TTL of the old key of a regenerated session after its old cookie"
                    + " was replayed twice (reading it must not give it the session lifetime)")
                    .hasValueSatisfying(ttl -> assertThat(ttl).as("remaining TTL of the old key")
                            .isLessThanOrEqualTo(TOMBSTONE_TTL.plusSeconds(1)));
        }
        assertThat(visit(manager, newId).values()).as("the session under the new ID").isEqualTo(Map.of("user", "alice"));
    }
}
