package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.session4j.servers.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 14: the store made slow by a delaying TCP proxy on loopback. A request that needs the
 * store waits at most the configured command timeout (plus slack) and gets a 503; once the store
 * is fast again, a burst of requests is served at once: no connection or thread pool was used up.
 */
class SlowStoreTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration BOUND = TIMEOUT.multipliedBy(2).plusSeconds(3);
    private static final int BURST = 24;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#proxiable")
    void latencyIsBoundedByTheTimeoutAndNoPoolIsExhausted(Store store) {
        try (TcpProxy proxy = TcpProxy.started(store.port().orElseThrow())) {
            Map<String, String> settings = new HashMap<>(store.settingsForPort(proxy.port()));
            settings.putAll(store.timeoutSettings(TIMEOUT));
            try (TestApp app = TestApp.start(store, settings, Clock.systemUTC())) {
                Browser browser = app.browser();
                String id = browser.get("/put?k=cart&v=apples").newId();

                proxy.replyDelay(TIMEOUT.multipliedBy(4));
                for (int i = 0; i < 3; i++) {
                    Reply reply = browser.getWithin("/get?k=cart", BOUND, id);
                    assertThat(reply.status()).isEqualTo(503);
                    assertThat(reply.setCookie()).isEmpty();
                }
                assertThat(statuses(burst(browser, id, BURST, BOUND))).isEqualTo(Map.of(503, (long) BURST));
                awaitIdle(app);

                proxy.replyDelay(Duration.ZERO);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                        .until(() -> browser.getWithin("/get?k=cart", BOUND, id).body().equals("apples"));
                List<Reply> after = burst(browser, id, BURST, BOUND);
                assertThat(statuses(after)).isEqualTo(Map.of(200, (long) BURST));
                assertThat(after).allSatisfy(reply -> assertThat(reply.body()).isEqualTo("apples"));
            }
        }
    }

    /**
     * Sends {@code count} reads of one session at once; each reply must come within {@code bound}.
     */
    static List<Reply> burst(Browser browser, String id, int count, Duration bound) {
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(browser.getAsync("/get?k=cart", id).orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS));
        }
        return replies.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }

    /** Waits (boundedly) until no request thread of the app is busy: none is stuck on the store. */
    static void awaitIdle(TestApp app) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> app.handlers().getActiveCount() == 0 && app.handlers().getQueue().isEmpty());
    }

    static Map<Integer, Long> statuses(List<Reply> replies) {
        return replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
    }
}
