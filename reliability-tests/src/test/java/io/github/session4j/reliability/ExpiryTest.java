package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 11: the idle and the absolute timeout both hold, the absolute one despite constant activity
 * and regeneration. Stores that decide expiry with the app's clock get an injected clock;
 * Redis and memcached expire by real time, so they get real lifetimes of a few seconds.
 */
class ExpiryTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#clockDriven")
    void idleAndAbsoluteTimeoutsHoldOnTheInjectedClock(Store store) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (TestApp app = TestApp.start(store, Map.of("PERMANENT_SESSION_LIFETIME", "30m",
                "SESSION_ABSOLUTE_LIFETIME", "2h"), clock)) {
            Browser browser = app.browser();
            String idle = browser.get("/put?k=cart&v=apples").newId();
            clock.advance(Duration.ofMinutes(29));
            assertThat(browser.get("/get?k=cart", idle).body()).as("used within the idle lifetime").isEqualTo("apples");
            clock.advance(Duration.ofMinutes(29));
            assertThat(browser.get("/get?k=cart", idle).body()).as("each use pushes the expiry").isEqualTo("apples");
            clock.advance(Duration.ofMinutes(31));
            assertThat(browser.get("/get?k=cart", idle).body()).as("idle for 31 minutes").isEqualTo("null");

            String active = browser.get("/put?k=cart&v=pears").newId();
            for (int minutes = 10; minutes <= 110; minutes += 10) {
                clock.advance(Duration.ofMinutes(10));
                assertThat(browser.get("/get?k=cart", active).body()).as("after %d minutes of activity", minutes)
                        .isEqualTo("pears");
                if (minutes % 30 == 0) {
                    active = browser.get("/regenerate", active).newId();
                }
            }
            clock.advance(Duration.ofMinutes(11));
            assertThat(browser.get("/get?k=cart", active).body()).as("121 minutes after creation").isEqualTo("null");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#serverTtl")
    void anIdleSessionExpiresOnTheServer(Store store) {
        try (TestApp app = TestApp.start(store, Map.of("PERMANENT_SESSION_LIFETIME", "2s"), Clock.systemUTC())) {
            String id = app.browser().get("/put?k=cart&v=apples").newId();
            assertThat(store.sideDoor().exists(app.storeKey(id))).isTrue();
            pause(Duration.ofMillis(4_200)); // memcached counts whole seconds: a 2 s item lives 2 to 3 s
            assertThat(store.sideDoor().exists(app.storeKey(id))).as("the server dropped the record").isFalse();
            assertThat(app.browser().get("/get?k=cart", id).body()).isEqualTo("null");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#serverTtl")
    void theAbsoluteLifetimeHoldsOnTheServerDespiteActivityAndRegeneration(Store store) {
        Duration absolute = Duration.ofSeconds(6);
        try (TestApp app = TestApp.start(store, Map.of("PERMANENT_SESSION_LIFETIME", "4s",
                "SESSION_ABSOLUTE_LIFETIME", absolute.toSeconds() + "s"), Clock.systemUTC())) {
            Browser browser = app.browser();
            long start = System.nanoTime();
            String id = browser.get("/put?k=cart&v=apples").newId();
            for (int round = 1; elapsed(start).compareTo(absolute.minusSeconds(2)) < 0; round++) {
                pause(Duration.ofMillis(500));
                Reply read = browser.get("/get?k=cart", id);
                if (elapsed(start).compareTo(absolute.minusSeconds(1)) < 0) {
                    assertThat(read.body()).as("round %d, well within both lifetimes", round).isEqualTo("apples");
                }
                if (round % 3 == 0) {
                    id = browser.get("/regenerate", id).newId();
                }
            }
            String last = id;
            pause(absolute.plusMillis(1_200).minus(elapsed(start)));
            assertThat(browser.get("/get?k=cart", last).body()).as("past the absolute lifetime, though used every"
                    + " half second").isEqualTo("null");
            assertThat(store.sideDoor().keys(app.prefix()).stream().filter(key -> store.sideDoor().read(key)
                    .map(r -> r.length > 0).orElse(false))).as("records with data left on the server").isEmpty();
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void pause(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
