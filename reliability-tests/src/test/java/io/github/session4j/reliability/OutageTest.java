package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 13: the store is stopped mid-run. Requests that need it get a 503 without
 * {@code Set-Cookie}, each within the configured timeout (plus a generous slack for a loaded
 * machine: this is a bound, not a benchmark); requests do not pile up; and the service comes back
 * by itself when the store does, with no restart of the app.
 */
class OutageTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** What a request may take at most while the store is down: the timeout, a retry of it, and slack. */
    private static final Duration BOUND = TIMEOUT.multipliedBy(2).plusSeconds(4);
    private static final int BURST = 40;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#stoppable")
    void aStoppedStoreGivesBounded503sWithoutSetCookieAndServiceComesBackByItself(Store store) {
        try (Store.Outage outage = store.outage()) {
            Map<String, String> settings = new HashMap<>(outage.settings());
            settings.putAll(store.timeoutSettings(TIMEOUT));
            try (TestApp app = TestApp.start(store, settings, Clock.systemUTC())) {
                Browser browser = app.browser();
                String id = browser.get("/put?k=cart&v=apples").newId();
                assertThat(browser.get("/get?k=cart", id).body()).isEqualTo("apples");
                assertThat(statuses(burst(browser, id))).as("warm-up, store up").isEqualTo(Map.of(200, (long) BURST));
                Set<String> threadsBefore = appThreads(); // the pools (app, store client) are warm now

                outage.stop();
                for (String path : List.of("/get?k=cart", "/put?k=cart&v=pears", "/logout", "/regenerate")) {
                    Reply reply = browser.getWithin(path, BOUND, id);
                    assertThat(reply.status()).as(path).isEqualTo(503);
                    assertThat(reply.setCookie()).as(path).isEmpty();
                }
                Reply newcomer = browser.getWithin("/put?k=cart&v=plums", BOUND);
                assertThat(newcomer.status()).isEqualTo(503);
                assertThat(newcomer.setCookie()).isEmpty();
                assertThat(browser.getWithin("/health", BOUND, id).status()).as("a request without session").isEqualTo(200);

                assertThat(statuses(burst(browser, id))).isEqualTo(Map.of(503, (long) BURST));
                SlowStoreTest.awaitIdle(app);
                Set<String> added = appThreads();
                added.removeAll(threadsBefore);
                assertThat(added).as("threads added during the outage (a pile-up would add about one per waiting"
                        + " request, " + BURST + ")").hasSizeLessThan(BURST / 4);

                outage.start();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> browser.getWithin("/put?k=cart&v=figs", BOUND).status() == 200);
                String fresh = browser.get("/put?k=cart&v=dates").newId();
                assertThat(browser.get("/get?k=cart", fresh).body()).isEqualTo("dates");
            }
        }
    }

    private static List<Reply> burst(Browser browser, String id) {
        return SlowStoreTest.burst(browser, id, BURST, BOUND);
    }

    private static Map<Integer, Long> statuses(List<Reply> replies) {
        return SlowStoreTest.statuses(replies);
    }

    /** The live threads but the test's HTTP client's, by name and id. */
    private static Set<String> appThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(thread -> !thread.getName().startsWith("HttpClient-"))
                .map(thread -> thread.getName() + "#" + thread.getId()).collect(Collectors.toCollection(HashSet::new));
    }
}
