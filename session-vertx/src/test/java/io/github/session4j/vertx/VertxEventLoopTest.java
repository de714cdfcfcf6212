package io.github.session4j.vertx;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** No store call on a Vert.x event loop, and a slow store neither blocks the loop nor overruns the pool. */
class VertxEventLoopTest {

    private final StoreCallProbe store = new StoreCallProbe(new MemorySessionInterface(Clock.systemUTC()));
    private SessionManager manager;
    private AsyncSessions sessions;
    private VertxApp app;

    @BeforeEach
    void start() throws Exception {
        manager = SessionManager.builder(SessionConfig.builder().build()).backend("memory", store).build();
        sessions = AsyncSessions.create(manager, 8, 40);
        app = new VertxApp(sessions);
    }

    @AfterEach
    void stop() {
        app.close();
        sessions.close();
        manager.close();
    }

    @Test
    void everyStoreCallRunsOnTheStoreThreadsAndTheRouteGoesOnOnTheEventLoop() {
        Visitor visitor = new Visitor(app.port());
        visitor.post("/visits", "");
        assertThat(visitor.post("/visits", "").body()).isEqualTo("2");
        visitor.post("/login", "username=ada&password=lovelace");
        assertThat(visitor.get("/me").body()).startsWith("ada ");
        Visitor phone = new Visitor(app.port());
        phone.post("/login", "username=ada&password=lovelace");
        assertThat(visitor.post("/sessions/revoke-others", "").body()).as("sign-in and ending sessions, off the loop too")
                .isEqualTo("1");
        assertThat(phone.get("/").body()).isEqualTo("anonymous");
        visitor.post("/logout", "");
        assertThat(visitor.get("/thread").body()).startsWith("vert.x-eventloop-thread-");
        assertThat(store.calls()).isPositive();
        assertThat(store.callsOffStoreThreads()).isZero();
        assertThat(store.threadNames()).allMatch(name -> name.startsWith("session4j-async-"));
    }

    @Test
    void concurrentMergesOnOneSessionAreAllKept() throws Exception {
        Visitor visitor = new Visitor(app.port());
        visitor.post("/visits", "");
        store.delay(Duration.ofMillis(20)); // the loads overlap: the saves conflict and replay their merge
        List<CompletableFuture<HttpResponse<String>>> visits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            visits.add(visitor.postAsync("/visits"));
        }
        assertThat(visits).allSatisfy(v -> assertThat(v.get().statusCode()).isEqualTo(200));
        store.delay(Duration.ZERO);
        assertThat(visitor.get("/visits").body()).as("no lost update").isEqualTo("21");
        assertThat(manager.stats().conflicts()).isPositive();
    }

    @Test
    void aStoreFailureIsA503WithoutSetCookie() {
        Visitor visitor = new Visitor(app.port());
        store.setWritesDown(true);
        HttpResponse<String> response = visitor.post("/visits", "");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        store.setWritesDown(false);
        assertThat(visitor.post("/visits", "").statusCode()).isEqualTo(200);
        store.setDown(true);
        HttpResponse<String> load = visitor.get("/visits");
        assertThat(load.statusCode()).isEqualTo(503);
        assertThat(load.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void fiveHundredRequestsOnASlowStoreNeitherBlockTheEventLoopNorExceedThePool() throws Exception {
        store.delay(Duration.ofMillis(200));
        Visitor client = new Visitor(app.port());
        List<CompletableFuture<HttpResponse<String>>> bulk = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bulk.add(client.getAsync("/visits", String.format("%043d", i))); // well-formed, unknown: a load each
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(bulk.toArray(CompletableFuture[]::new));
        int answeredDuring = 0;
        while (answeredDuring < 5) {
            assertThat(client.getAsync("/ping", null).get().body()).isEqualTo("pong");
            assertThat(all.isDone()).as("/ping must be answered while the 500 are in flight").isFalse();
            if (store.running() > 0) {
                answeredDuring++;
            }
        }
        all.get();
        List<HttpResponse<String>> responses = bulk.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(responses).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 503);
        assertThat(responses).anyMatch(r -> r.statusCode() == 200);
        assertThat(refused).isNotEmpty().allSatisfy(r -> assertThat(r.headers().allValues("Set-Cookie")).isEmpty());
        assertThat(sessions.rejected()).isPositive();
        assertThat(store.maxConcurrent()).isLessThanOrEqualTo(8);
        assertThat(store.callsOffStoreThreads()).isZero();
    }
}
