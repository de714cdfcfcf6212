package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.CommitResult;
import io.github.session4j.Session;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests on one session, each through its own {@code begin}/{@code commit}: all of
 * them load the same version before any saves, so every save but one conflicts and must be
 * replayed on fresh data. Nothing is lost, a deleted session stays deleted, and of two racing
 * regenerations exactly one ID survives.
 */
abstract class ConcurrentRequestContract extends LifecycleGroup {

    private static final int THREADS = 20;

    ConcurrentRequestContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void twentyRequestsSettingDistinctKeysLoseNothing() {
        SessionManager manager = manager();
        String id = newSession(manager, Map.of("base", 0));

        changeAllAtOnce(manager, id, (session, i) -> session.put("key" + i, i));

        Map<String, Object> expected = new HashMap<>(Map.of("base", 0));
        for (int i = 0; i < THREADS; i++) {
            expected.put("key" + i, i);
        }
        assertThat(visit(manager, id).values())
                .as("the session after %d concurrent requests each set one key (stats: %s)", THREADS, manager.stats())
                .isEqualTo(expected);
    }

    @Test
    void mergeFromTwentyRequestsCountsEveryIncrement() {
        SessionManager manager = manager();
        String id = newSession(manager, Map.of("counter", 0));

        changeAllAtOnce(manager, id, (session, i) -> session.merge("counter", 1, (a, b) -> (Integer) a + (Integer) b));

        assertThat(visit(manager, id).values().get("counter"))
                .as("the counter after %d concurrent requests each merged +1 (stats: %s)", THREADS, manager.stats())
                .isEqualTo(THREADS);
    }

    /**
     * Runs {@link #THREADS} requests on one session: each loads it, waits until all have loaded,
     * applies its change and commits.
     */
    private static void changeAllAtOnce(SessionManager manager, String id, ObjIntConsumer<Session> change) {
        CyclicBarrier allLoaded = new CyclicBarrier(THREADS);
        Race.run(THREADS, i -> {
            SessionContext context = request(manager, id);
            context.session().size(); // loads it
            await(allLoaded);
            change.accept(context.session(), i);
            return context.commit();
        });
    }

    @Test
    void aSessionInvalidatedDuringASlowRequestStaysDead() {
        SessionManager manager = manager();
        String id = newSession(manager, Map.of("user", "alice"));
        SessionContext slow = request(manager, id);
        assertThat(slow.session().get("user")).as("the slow request's view before the logout").isEqualTo("alice");

        SessionContext logout = request(manager, id);
        logout.session().invalidate();
        logout.commit();
        slow.session().put("cart", List.of("book"));
        slow.commit();

        assertNoLiveSession(manager, id, "invalidated while a slower request changed it");
        assertThat(liveRecords()).as("records under %s after the slower request committed to an invalidated session", prefix())
                .isEmpty();
    }

    @Test
    void twoRegenerationsCommittedOneAfterTheOtherLeaveExactlyOneLiveId() {
        SessionManager manager = manager();
        String oldId = newSession(manager, Map.of("user", "alice"));
        SessionContext first = request(manager, oldId);
        SessionContext second = request(manager, oldId);
        first.session().get("user");
        second.session().get("user");
        first.session().regenerate();
        second.session().regenerate();

        assertOneSurvivor(manager, oldId, List.of(first.commit(), second.commit()));
    }

    @RepeatedTest(5)
    void twoRegenerationsRacingOnTwoThreadsLeaveExactlyOneLiveId() {
        SessionManager manager = manager();
        String oldId = newSession(manager, Map.of("user", "alice"));
        CyclicBarrier bothLoaded = new CyclicBarrier(2);

        List<CommitResult> results = Race.run(2, i -> {
            SessionContext context = request(manager, oldId);
            context.session().get("user");
            await(bothLoaded);
            context.session().regenerate();
            return context.commit();
        });

        assertOneSurvivor(manager, oldId, results);
    }

    private void assertOneSurvivor(SessionManager manager, String oldId, List<CommitResult> results) {
        List<String> handedOut = new ArrayList<>();
        results.forEach(result -> setCookieValue(result).filter(value -> !value.isEmpty()).ifPresent(handedOut::add));
        List<String> live = new ArrayList<>();
        for (String id : handedOut) {
            if (!visit(manager, id).isNew()) {
                live.add(id);
            }
        }
        assertThat(live).as("live IDs among the %d that two regenerating requests handed out", handedOut.size()).hasSize(1);
        assertThat(visit(manager, live.get(0)).values()).as("the surviving session").isEqualTo(Map.of("user", "alice"));
        assertNoLiveSession(manager, oldId, "regenerated by two requests at once");
        assertThat(liveRecords()).as("non-empty records under %s after two regenerations", prefix()).hasSize(1);
    }

    /** Keys under the test's prefix holding a non-empty record (an empty one is a tombstone). */
    private List<String> liveRecords() {
        List<String> live = new ArrayList<>();
        for (String key : sideDoor().keys(prefix())) {
            if (sideDoor().read(key).map(bytes -> bytes.length > 0).orElse(false)) {
                live.add(key);
            }
        }
        return live;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the other requests to load", e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("the other requests did not all load the session", e);
        }
    }
}
