package io.github.session4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.async.AsyncSessions;
import io.github.session4j.async.StoreCallProbe;
import io.github.session4j.memory.MemorySessionInterface;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** exchange.getSession() on Reactor Netty: the commit rules, the round trips, no store call on the event loop. */
class Session4jWebSessionManagerTest {

    private final StoreCallProbe store = new StoreCallProbe(new MemorySessionInterface(Clock.systemUTC()));
    private SessionManager manager;
    private AsyncSessions sessions;
    private FluxApp app;
    private Client client;

    private void start(int threads, int queue) {
        start(threads, queue, SessionConfig.builder().build());
    }

    private void start(int threads, int queue, SessionConfig config) {
        manager = SessionManager.builder(config).backend("memory", store).build();
        sessions = AsyncSessions.create(manager, threads, queue);
        app = new FluxApp(sessions);
        client = new Client(app.port());
    }

    @AfterEach
    void stop() {
        app.close();
        sessions.close();
        manager.close();
    }

    @Test
    void aJourneyKeepsTheRulesAndEveryStoreCallRunsOffTheEventLoop() {
        start(4, 100);
        HttpResponse<String> health = client.get("/health");
        assertThat(health.body()).isEqualTo("ok");
        assertThat(health.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(client.get("/get").headers().allValues("Set-Cookie")).as("a new empty session gets no cookie").isEmpty();
        int before = store.calls();
        client.post("/set?v=a");
        assertThat(store.calls() - before).as("a new session: one create").isEqualTo(1);
        String first = client.cookie("session");
        assertThat(first).isNotNull();

        before = store.calls();
        assertThat(client.get("/health").body()).isEqualTo("ok");
        assertThat(store.calls() - before).as("an untouched session costs nothing").isZero();
        assertThat(client.get("/get").body()).isEqualTo("a");
        assertThat(store.calls() - before).as("a read: one load").isEqualTo(1);
        before = store.calls();
        assertThat(client.get("/visits").body()).isEqualTo("1");
        assertThat(store.calls() - before).as("a change: load and save").isEqualTo(2);

        client.post("/regenerate");
        String second = client.cookie("session");
        assertThat(second).isNotEqualTo(first);
        assertThat(client.get("/get").body()).isEqualTo("a");
        client.cookie("session", first);
        assertThat(client.get("/get").body()).as("the old ID is dead").isEqualTo("null");
        client.cookie("session", second);

        HttpResponse<String> logout = client.post("/logout");
        assertThat(logout.headers().allValues("Set-Cookie")).singleElement().asString().contains("Max-Age=0");
        client.cookie("session", second);
        assertThat(client.get("/get").body()).isEqualTo("null");

        assertThat(client.get("/thread").body()).as("the application goes on off the store threads")
                .doesNotStartWith("session4j-async-");
        assertThat(store.callsOffStoreThreads()).isZero();
        assertThat(store.threadNames()).allMatch(name -> name.startsWith("session4j-async-"));
    }

    @Test
    void signInThroughTheSecurityContextRepositoryIsTheCoresAndTheUserOperationsRunOffTheEventLoop() {
        start(4, 100);
        client.post("/set?v=cart");
        String anonymous = client.cookie("session");
        client.post("/signin?u=ada");
        String laptop = client.cookie("session");
        assertThat(laptop).as("signing in changes the ID").isNotEqualTo(anonymous);
        assertThat(client.get("/get").body()).as("an anonymous session's data is kept").isEqualTo("cart");
        String[] me = client.get("/me").body().split(" ");
        assertThat(me[0]).isEqualTo("ada");
        assertThat(me[1]).isNotEqualTo("-");
        assertThat(client.get("/sessions?u=ada").body()).isEqualTo("[" + me[1] + "]");

        Client phone = new Client(app.port());
        phone.post("/signin?u=ada");
        int before = store.calls();
        assertThat(client.get("/sessions?u=ada").body().split(",")).hasSize(2);
        assertThat(store.calls() - before).as("listing: the index and one load per session").isEqualTo(3);
        assertThat(client.post("/revoke-others").body()).isEqualTo("1");
        assertThat(phone.get("/me").body()).as("the other session ended at once").isEqualTo("nobody -");
        assertThat(client.get("/me").body()).isEqualTo("ada " + me[1]);

        client.post("/signin?u=grace");
        assertThat(client.get("/get").body()).as("another user's data is dropped").isEqualTo("null");
        assertThat(client.get("/sessions?u=ada").body()).isEqualTo("[]");
        assertThat(client.get("/sessions?u=grace").body()).isNotEqualTo("[]").doesNotContain(",");
        HttpResponse<String> signOut = client.post("/signout");
        assertThat(signOut.headers().allValues("Set-Cookie")).singleElement().asString().contains("Max-Age=0");
        assertThat(client.get("/sessions?u=grace").body()).as("sign-out leaves the index").isEqualTo("[]");

        assertThat(store.callsOffStoreThreads()).isZero();
        assertThat(store.threadNames()).allMatch(name -> name.startsWith("session4j-async-"));
    }

    @Test
    void aCrossSiteFormPostCreatesNoCookieAndTheOptInGuardRefusesIt() throws Exception {
        start(4, 100);
        HttpResponse<String> crossSite = client.async("/set?v=evil", null, "POST", "cross-site").get();
        assertThat(crossSite.statusCode()).isEqualTo(200);
        assertThat(crossSite.headers().allValues("Set-Cookie")).as("a cross-site request never sets the cookie").isEmpty();
        stop();
        start(4, 100, SessionConfig.builder().put("SESSION_CROSS_ORIGIN_PROTECTION", "true").build());
        int before = store.calls();
        HttpResponse<String> refused = client.async("/set?v=evil", null, "POST", "cross-site").get();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).startsWith("403 Forbidden: cross-origin request refused");
        assertThat(store.calls()).isEqualTo(before);
        assertThat(client.async("/set?v=fine", null, "POST", "same-origin").get().statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentMergesOnOneSessionAreAllKeptAndASessionEndedMeanwhileStaysEnded() throws Exception {
        start(8, 100);
        client.post("/set?v=a");
        String cookie = "session=" + client.cookie("session");
        store.delay(Duration.ofMillis(20)); // the loads overlap: the saves conflict and replay their merge
        List<CompletableFuture<HttpResponse<String>>> visits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            visits.add(client.async("/visits", cookie));
        }
        assertThat(visits).allSatisfy(v -> assertThat(v.get().statusCode()).isEqualTo(200));
        store.delay(Duration.ZERO);
        assertThat(client.get("/visits").body()).as("no lost update").isEqualTo("21");
        assertThat(manager.stats().conflicts()).isPositive();

        store.delay(Duration.ofMillis(20));
        List<CompletableFuture<HttpResponse<String>>> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            late.add(client.async("/visits", cookie));
        }
        HttpResponse<String> logout = client.post("/logout");
        CompletableFuture.allOf(late.toArray(CompletableFuture[]::new)).get();
        store.delay(Duration.ZERO);
        assertThat(logout.statusCode()).isEqualTo(200);
        Client old = new Client(app.port());
        old.cookie("session", cookie.substring("session=".length()));
        assertThat(old.get("/get").body()).as("a session ended meanwhile stays ended").isEqualTo("null");
    }

    @Test
    void aMalformedIdCostsNoStoreCallAndIsNeverAdopted() {
        start(4, 100);
        client.cookie("session", "not-an-id");
        int before = store.calls();
        assertThat(client.get("/get").body()).isEqualTo("null");
        assertThat(store.calls()).isEqualTo(before);
        client.post("/set?v=b");
        assertThat(client.cookie("session")).isNotEqualTo("not-an-id").hasSizeGreaterThan(40);
    }

    @Test
    void aStoreFailureOnLoadIsA503WithoutSetCookie() {
        start(4, 100);
        client.post("/set?v=a");
        store.setDown(true);
        HttpResponse<String> load = client.get("/get");
        assertThat(load.statusCode()).isEqualTo(503);
        assertThat(load.headers().allValues("Set-Cookie")).isEmpty();
        store.setDown(false);
        assertThat(client.get("/get").body()).isEqualTo("a");
    }

    @Test
    void aFailedSaveDropsTheApplicationsResponseForA503() {
        start(4, 100);
        store.setWritesDown(true); // the load of the unknown ID passes, the create fails
        client.cookie("session", "z".repeat(43));
        HttpResponse<String> response = client.get("/redirect");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        store.setWritesDown(false);
        HttpResponse<String> retried = client.get("/redirect");
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().allValues("Set-Cookie")).hasSize(1);
    }

    @Test
    void fiveHundredRequestsOnASlowStoreNeitherBlockTheEventLoopNorExceedThePool() throws Exception {
        start(8, 40);
        store.delay(Duration.ofMillis(200));
        List<CompletableFuture<HttpResponse<String>>> bulk = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // a well-formed unknown ID: the load is a store call, the save another
            bulk.add(client.async("/visits", "session=" + String.format("%043d", i)));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(bulk.toArray(CompletableFuture[]::new));
        int healthy = 0;
        while (healthy < 5) {
            HttpResponse<String> health = client.async("/health", null).get();
            assertThat(health.body()).isEqualTo("ok");
            if (store.running() > 0 && !all.isDone()) {
                healthy++; // answered while store calls of the 500 were running
            }
            assertThat(all.isDone()).as("/health must be answered while the 500 are in flight").isFalse();
        }
        all.get();
        long ok = bulk.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        List<HttpResponse<String>> refused = bulk.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 503).toList();
        assertThat(ok + refused.size()).isEqualTo(500);
        assertThat(ok).isPositive();
        assertThat(refused).isNotEmpty().allSatisfy(r -> assertThat(r.headers().allValues("Set-Cookie")).isEmpty());
        assertThat(sessions.rejected()).isPositive();
        assertThat(store.maxConcurrent()).isLessThanOrEqualTo(8);
        assertThat(store.callsOffStoreThreads()).isZero();
    }
}
