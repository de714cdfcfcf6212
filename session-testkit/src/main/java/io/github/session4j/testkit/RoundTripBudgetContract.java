package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.spi.RecordAppender;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The round-trip budget of DESIGN.md §5, counted by the kit's {@link RoundTripCounter} as the
 * difference before and after one request: untouched 0, read 1, modified 2 (load and one
 * conditional save), new 1; and no I/O at all for a request without a usable ID.
 */
abstract class RoundTripBudgetContract extends LifecycleGroup {

    RoundTripBudgetContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    private long roundTrips(Runnable request) {
        RoundTripCounter counter = fixture().roundTripCounter();
        long before = counter.count();
        request.run();
        return counter.count() - before;
    }

    @Test
    void aRequestThatNeverTouchesItsSessionCostsNothing() {
        String id = newSession(manager(), Map.of("user", "alice"));
        assertThat(roundTrips(() -> request(manager(), id).commit()))
                .as("round trips of a request with a session cookie that never touches the session")
                .isZero();
    }

    @Test
    void readingASessionCostsOneRoundTrip() {
        String id = newSession(manager(), Map.of("user", "alice"));
        assertThat(roundTrips(() -> {
            SessionContext context = request(manager(), id);
            assertThat(context.session().get("user")).as("the value read").isEqualTo("alice");
            context.commit();
        })).as("round trips of a request that reads its session right after it was saved").isEqualTo(1);
    }

    @Test
    void modifyingASessionCostsTwoRoundTrips() {
        String id = newSession(manager(), Map.of("user", "alice"));
        assertThat(roundTrips(() -> {
            SessionContext context = request(manager(), id);
            context.session().put("visits", 2);
            context.commit();
        })).as("round trips of a request that modifies its session (load and one conditional save)").isEqualTo(2);
    }

    @Test
    void modifyingALargeSessionWithDeltaWritesCostsTwoRoundTripsEveryTimeAndLosesNothing() {
        boolean canAppend = backend().capability(RecordAppender.class).isPresent();
        if (!canAppend) {
            assertThatThrownBy(() -> fixture().manager(Map.of("SESSION_DELTA_WRITES", "true")))
                    .as("SESSION_DELTA_WRITES=true on %s, which cannot append", backend().getClass().getSimpleName())
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessageStartingWith("Invalid session4j configuration (1 problem):\n  - SESSION_DELTA_WRITES was 'true' but the " + fixture().provider().name()
                            + " backend in use cannot append to a stored record: it has no RecordAppender.");
        }
        // without the capability, the same requests with delta writes off (as the core wrote them before it refused)
        SessionManager manager = canAppend ? fixture().manager(Map.of("SESSION_DELTA_WRITES", "true")) : manager();
        String data = "x".repeat(20_000);
        String id = newSession(manager, Map.of("user", "alice", "data", data));
        long appendsBefore = manager.stats().appends();
        int requests = 12; // more than a record takes delta frames before it is rewritten whole
        for (int visit = 1; visit <= requests; visit++) {
            int visits = visit;
            assertThat(roundTrips(() -> {
                SessionContext context = request(manager, id);
                context.session().put("visits", visits);
                context.commit();
            })).as("round trips of modifying request %d on a 20 KB session", visit).isEqualTo(2);
        }

        SessionContext context = request(manager, id);
        assertThat(context.session()).as("the session after %d modifying requests", requests)
                .containsEntry("visits", requests).containsEntry("user", "alice").containsEntry("data", data);
        context.commit();
        long appends = manager.stats().appends() - appendsBefore;
        if (canAppend) {
            assertThat(appends).as("saves of a small change to a 20 KB session sent as appends by %s (a RecordAppender)",
                    backend().getClass().getSimpleName()).isGreaterThanOrEqualTo(requests - 2);
        } else {
            assertThat(appends).as("appends by a backend that is no RecordAppender").isZero();
        }
    }

    @Test
    void creatingASessionCostsOneRoundTrip() {
        SessionManager manager = manager();
        assertThat(roundTrips(() -> newSession(manager, Map.of("user", "alice"))))
                .as("round trips of a request without a cookie that stores a new session")
                .isEqualTo(1);
    }

    @Test
    void aNewSessionThatStaysEmptyCostsNothing() {
        SessionManager manager = manager();
        assertThat(roundTrips(() -> {
            SessionContext context = manager.begin(RequestHeaders.none());
            assertThat(context.session().get("user")).as("a value of a new session").isNull();
            context.commit();
        })).as("round trips of a request without a cookie that reads but stores nothing").isZero();
    }

    @Test
    void aMalformedIdCostsNothing() {
        SessionManager manager = manager();
        assertThat(roundTrips(() -> {
            SessionContext context = manager.begin(RequestHeaders.cookie(COOKIE + "=not-a-session-id"));
            assertThat(context.session().isNew()).as("the session of a request with a malformed ID").isTrue();
            context.commit();
        })).as("round trips of a request whose cookie fails the format check").isZero();
    }

    @Test
    void anUnknownWellFormedIdCostsOneLoad() {
        String id = newSession(manager(), Map.of("user", "alice"));
        SessionContext logout = request(manager(), id);
        logout.session().invalidate();
        logout.commit();

        assertThat(roundTrips(() -> {
            SessionContext context = request(manager(), id);
            assertThat(context.session().isNew()).as("the session of a request with the ID of a deleted session").isTrue();
            context.commit();
        })).as("round trips of a request whose well-formed ID is unknown to the store").isEqualTo(1);
    }
}
