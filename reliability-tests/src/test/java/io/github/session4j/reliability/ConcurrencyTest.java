package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Items 9, 10 and 12: racing requests on one session, over real HTTP. */
class ConcurrencyTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void aSlowRequestThatSavesAfterASignOutDoesNotBringTheSessionBack(Store store) {
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            String id = browser.get("/login?user=alice").newId();
            Gate gate = app.gate("slow", 1);
            CompletableFuture<Reply> slow = browser.getAsync("/hold?gate=slow&then=put&k=cart&v=late", id);
            gate.awaitArrivals();

            assertThat(browser.get("/logout", id).deletesCookie()).isTrue();
            gate.open();
            Reply late = slow.join();

            assertThat(late.status()).isEqualTo(200);
            assertThat(late.setCookie().filter(cookie -> !cookie.contains("Max-Age=0")))
                    .as("the slow request hands out no live cookie").isEmpty();
            assertThat(browser.get("/get?k=user", id).body()).isEqualTo("null");
            assertThat(browser.get("/get?k=cart", id).body()).isEqualTo("null");
            assertThat(store.sideDoor().read(app.storeKey(id)).orElse(new byte[0])).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void twoConcurrentRegeneratesLeaveExactlyOneLiveId(Store store) {
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            String id = browser.get("/put?k=cart&v=apples").newId();
            Gate gate = app.gate("regenerate", 2);
            CompletableFuture<Reply> first = browser.getAsync("/hold?gate=regenerate&then=regenerate", id);
            CompletableFuture<Reply> second = browser.getAsync("/hold?gate=regenerate&then=regenerate", id);
            gate.awaitArrivals();
            gate.open();

            List<String> candidates = new ArrayList<>(List.of(id));
            for (Reply reply : List.of(first.join(), second.join())) {
                assertThat(reply.status()).isEqualTo(200);
                if (reply.setCookie().isPresent() && !reply.deletesCookie()) {
                    candidates.add(reply.newId());
                }
            }
            List<String> live = candidates.stream()
                    .filter(candidate -> browser.get("/get?k=cart", candidate).body().equals("apples"))
                    .collect(Collectors.toList());
            assertThat(live).as("live IDs among the old one and those handed out").hasSize(1).doesNotContain(id);
            assertThat(store.sideDoor().keys(app.prefix()).stream()
                    .filter(key -> store.sideDoor().read(key).map(r -> r.length > 0).orElse(false)))
                    .as("records with data").containsExactly(app.storeKey(live.get(0)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#quick")
    void twoHundredParallelRequestsEachSetADifferentKeyAndAllAreKept(Store store) throws Exception {
        twoHundredRequestsEachSetADifferentKey(store, 32);
    }

    /**
     * The same with 8 requests in flight, on the stores that take milliseconds a round trip here
     * ({@link Store#slowRoundTrips()}): with 32 racing on one session, some of their requests lose
     * 64 conditional saves in a row and give up with a 503 (the core retries at once, without
     * backoff), which is a limit of the core's retries, not a lost update.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#slow")
    void twoHundredRequestsEightAtATimeEachSetADifferentKeyAndAllAreKept(Store store) throws Exception {
        twoHundredRequestsEachSetADifferentKey(store, 8);
    }

    private static void twoHundredRequestsEachSetADifferentKey(Store store, int parallel) throws Exception {
        int requests = 200;
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            String id = browser.get("/put?k=seed&v=0").newId();
            Semaphore inFlight = new Semaphore(parallel);
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                inFlight.acquire();
                replies.add(browser.getAsync("/put?k=key" + i + "&v=" + i, id).whenComplete((r, e) -> inFlight.release()));
            }
            List<Reply> done = replies.stream().map(CompletableFuture::join).collect(Collectors.toList());
            Map<Integer, Long> statuses = done.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));

            assertThat(statuses).as("statuses (a 503 means a request gave up after 64 conflicts; conflicts: "
                    + app.manager().stats().conflicts() + ")").isEqualTo(Map.of(200, (long) requests));
            assertThat(done.stream().filter(reply -> !reply.setCookie().orElse("").startsWith("session=" + id + ";")).count())
                    .as("replies without the session's cookie: each of them served another request's session or none"
                            + " (see SessionFilterIsolationTest); " + app.manager().stats()).isZero();
            List<Integer> missing = IntStream.range(0, requests)
                    .filter(i -> !browser.get("/get?k=key" + i, id).body().equals(Integer.toString(i))).boxed()
                    .collect(Collectors.toList());
            assertThat(missing).as("keys lost (conflicts: " + app.manager().stats().conflicts() + ")").isEmpty();
            assertThat(browser.get("/size", id).body()).isEqualTo(Integer.toString(requests + 1));
        }
    }
}
