package io.github.session4j.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.CommitResult;
import io.github.session4j.RequestHeaders;
import io.github.session4j.Session;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterface;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The non-blocking path: store calls only on the pool, the same round trips, a bounded queue. */
class AsyncSessionsTest {

    private final StoreCallProbe store = new StoreCallProbe(new MemorySessionInterface(Clock.systemUTC()));
    private SessionManager manager;
    private AsyncSessions sessions;

    private void start(Map<String, String> settings) {
        manager = SessionManager.builder(SessionConfig.builder().putAll(settings).build()).backend("memory", store).build();
        sessions = AsyncSessions.create(manager);
    }

    @AfterEach
    void stop() {
        if (sessions != null) {
            sessions.close();
            manager.close();
        }
    }

    private static RequestHeaders cookie(CommitResult result) {
        String setCookie = result.header("Set-Cookie").orElseThrow();
        return RequestHeaders.cookie(setCookie.split(";", 2)[0]);
    }

    @Test
    void anUntouchedSessionCostsNothingAndCommitsAtOnceOnTheCallersThread() {
        start(Map.of());
        AsyncSessionContext context = sessions.begin("GET", "/", RequestHeaders.cookie("session=" + "a".repeat(43)));
        CompletableFuture<CommitResult> commit = context.commit().toCompletableFuture();
        assertThat(commit).isCompleted();
        assertThat(commit.join().headers()).isEmpty();
        assertThat(store.calls()).isZero();
    }

    @Test
    void loadAndCommitRunOnTheStoreThreadsWithTheBlockingPathsRoundTrips() {
        start(Map.of());
        AsyncSessionContext first = sessions.begin("GET", "/", RequestHeaders.of(Map.of()));
        first.session().toCompletableFuture().join().put("visits", 1);
        CommitResult created = first.commit().toCompletableFuture().join();
        assertThat(store.calls()).isEqualTo(1); // a new session: no load, one create

        AsyncSessionContext second = sessions.begin("GET", "/", cookie(created));
        Session session = second.session().toCompletableFuture().join();
        session.merge("visits", 1, (a, b) -> (Integer) a + (Integer) b);
        second.commit().toCompletableFuture().join();
        assertThat(store.calls()).isEqualTo(3); // load + conditional save
        assertThat(store.callsOffStoreThreads()).isZero();
        assertThat(store.threadNames()).allMatch(name -> name.startsWith("session4j-async-"));

        AsyncSessionContext third = sessions.begin("GET", "/", cookie(created));
        assertThat(third.session().toCompletableFuture().join().get("visits")).isEqualTo(2);
    }

    @Test
    void aFullQueueRefusesTheNextCallAtOnceAndSaysWhatToRaise() throws Exception {
        start(Map.of("SESSION_ASYNC_THREADS", "2", "SESSION_ASYNC_QUEUE", "1"));
        CountDownLatch gate = new CountDownLatch(1);
        store.hold(gate);
        String id = "session=" + "b".repeat(43);
        List<CompletableFuture<Session>> loads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loads.add(sessions.begin("GET", "/", RequestHeaders.cookie(id)).session().toCompletableFuture());
        }
        assertThatThrownBy(loads.get(3)::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(SessionOverloadedException.class)
                .hasMessage("All 2 session store threads are busy and 1 store calls are already waiting (SESSION_ASYNC_THREADS=2,"
                        + " SESSION_ASYNC_QUEUE=1); the request was refused without touching the store. Raise"
                        + " SESSION_ASYNC_QUEUE or SESSION_ASYNC_THREADS, or look at why the store is slow.");
        assertThat(sessions.rejected()).isEqualTo(1);
        // both pool threads must be inside the store before it is let go, or one may get there only
        // after the other has left, and the bound would not be tested
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.running() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(store.running()).as("store calls held at once").isEqualTo(2);
        gate.countDown();
        for (int i = 0; i < 3; i++) {
            assertThat(loads.get(i).get(10, TimeUnit.SECONDS).isNew()).isTrue();
        }
        assertThat(store.maxConcurrent()).isEqualTo(2);
    }

    @Test
    void aSizeOutOfRangeStopsStartUpNamingTheKey() {
        manager = SessionManager.builder(SessionConfig.builder().put("SESSION_ASYNC_THREADS", "0").build())
                .backend("memory", store).build();
        assertThatThrownBy(() -> AsyncSessions.create(manager)).isInstanceOf(SessionConfigException.class)
                .hasMessageContaining("SESSION_ASYNC_THREADS was '0' but it must be between 1 and 1024");
        manager.close();
        manager = null;
    }

    @Test
    void signInAndTheUserOperationsRunOnThePoolWithTheBlockingPathsRoundTrips() {
        start(Map.of());
        AsyncSessionContext laptop = sessions.begin("POST", "/login", RequestHeaders.none());
        assertThatThrownBy(() -> laptop.signIn("ada")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the session is not loaded: wait for session() to complete first");
        laptop.session().toCompletableFuture().join().put("cart", "tea");
        laptop.signIn("ada");
        assertThat(laptop.principal()).contains("ada");
        assertThat(laptop.signedInAt()).isPresent();
        assertThat(laptop.requiresReauthentication()).isFalse();
        laptop.setLabel("laptop");
        String handle = laptop.handle().orElseThrow();
        RequestHeaders laptopCookie = cookie(laptop.commit().toCompletableFuture().join());

        AsyncSessionContext phone = sessions.begin("POST", "/login", RequestHeaders.none());
        phone.session().toCompletableFuture().join();
        phone.signIn("ada");
        RequestHeaders phoneCookie = cookie(phone.commit().toCompletableFuture().join());

        assertThat(sessions.indexesPrincipals()).isTrue();
        int before = store.calls();
        assertThat(sessions.sessionsOf("ada").toCompletableFuture().join().sessions()).hasSize(2);
        assertThat(store.calls() - before).as("listing: the index and one load per session").isEqualTo(3);
        assertThat(sessions.sessionsOf("ada", null, 1).toCompletableFuture().join().next()).isPresent();

        AsyncSessionContext again = sessions.begin("POST", "/revoke-others", laptopCookie);
        assertThat(sessions.endOtherSessions(again).toCompletableFuture().join()).isEqualTo(1);
        assertThat(again.label()).contains("laptop");
        again.commit().toCompletableFuture().join();
        AsyncSessionContext ended = sessions.begin("GET", "/", phoneCookie);
        assertThat(ended.session().toCompletableFuture().join().isNew()).as("the other session ended at once").isTrue();
        assertThat(sessions.endSession("grace", handle).toCompletableFuture().join()).as("another principal's handle")
                .isFalse();
        assertThat(sessions.endSessions("ada").toCompletableFuture().join()).isEqualTo(1);

        AsyncSessionContext anonymous = sessions.begin("POST", "/revoke-others", RequestHeaders.none());
        assertThatThrownBy(() -> sessions.endOtherSessions(anonymous).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(store.callsOffStoreThreads()).isZero();
    }
}
