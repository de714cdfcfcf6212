package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22, "a 503 must mean nothing was written": the store's server is frozen with
 * {@code SIGSTOP} for about {@link #FROZEN} while saves are on their way to it, in
 * {@link #CYCLES} cycles. Each save times out and its request is answered 503; when the server
 * resumes it finds those saves waiting in its socket and runs them, after their deadline, so a
 * fenced backend must refuse every one of them. In the end the counter holds exactly the number of
 * increments that were answered 200. Unfenced, each cycle added one increment that was answered
 * 503 (what the issue saw on Redis: +1, +2, +1 over 8 cycles). On PostgreSQL only the app's
 * backend process is frozen ({@link PostgresBackendFreeze}).
 */
class FenceTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** What a request may take at most while the store is frozen: the timeout, a retry of it, and slack. */
    private static final Duration BOUND = TIMEOUT.multipliedBy(2).plusSeconds(4);
    /** How long the server stays frozen in each cycle (at least until every held request is answered). */
    private static final Duration FROZEN = Duration.ofSeconds(5);
    private static final int CYCLES = 3;
    /** Requests that have loaded the session and save it while the server is frozen, per cycle. */
    private static final int IN_FLIGHT = 3;
    private static final int BETWEEN = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#fenced")
    void incrementsAnswered503WhileTheStoreWasFrozenAreNeverApplied(Store store) throws Exception {
        try (Store.Outage outage = store.freezable()) {
            Map<String, String> settings = new HashMap<>(outage.settings());
            settings.putAll(store.timeoutSettings(TIMEOUT));
            try (TestApp app = TestApp.start(store, settings, Clock.systemUTC())) {
                Browser browser = app.browser();
                String id = browser.get("/incr").newId();
                long answered200 = 1;
                int answered503 = 0;
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    for (int i = 0; i < BETWEEN; i++) {
                        Reply reply = browser.get("/incr", id);
                        assertThat(reply.status()).as("an increment with the store up").isEqualTo(200);
                        answered200++;
                        assertThat(reply.body()).isEqualTo(Long.toString(answered200));
                    }
                    String gateName = "fence" + cycle;
                    Gate gate = app.gate(gateName, IN_FLIGHT);
                    List<CompletableFuture<Reply>> held = new ArrayList<>();
                    for (int i = 0; i < IN_FLIGHT; i++) {
                        held.add(browser.getAsync("/hold?gate=" + gateName + "&then=incr", id));
                    }
                    gate.awaitArrivals(); // each has loaded the session
                    long frozenAt = System.nanoTime();
                    outage.freeze();
                    try {
                        gate.open(); // their saves go to the frozen server
                        for (CompletableFuture<Reply> future : held) {
                            Reply reply = future.join();
                            assertThat(reply.status()).as("a save sent to the frozen store").isEqualTo(503);
                            assertThat(reply.setCookie()).isEmpty();
                            answered503++;
                        }
                        // the fault, not an assertion: keep the server frozen as long as the test did
                        long left = FROZEN.toNanos() - (System.nanoTime() - frozenAt);
                        if (left > 0) {
                            Thread.sleep(left / 1_000_000);
                        }
                    } finally {
                        outage.thaw();
                    }
                    // the server runs the late saves before it answers this, on the same connection
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> browser.getWithin("/get?k=n", BOUND, id).status() == 200);
                    assertThat(browser.get("/get?k=n", id).body()).as("after cycle " + (cycle + 1))
                            .isEqualTo(Long.toString(answered200));
                }
                assertThat(answered503).isEqualTo(CYCLES * IN_FLIGHT);
                assertThat(browser.get("/get?k=n", id).body()).as("increments answered 200")
                        .isEqualTo(Long.toString(answered200));
            }
        }
    }
}
