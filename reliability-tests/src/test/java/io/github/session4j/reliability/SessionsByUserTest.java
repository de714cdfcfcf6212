package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionInfo;
import io.github.session4j.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 20, over real HTTP on every backend that keeps the principal index ({@link Stores#indexing()}):
 * two browsers of one user (each its own HTTP client and cookie jar), "sign out everywhere else"
 * from one ends the other's session at once; the absolute lifetime counts from the sign-in; signing
 * in as another user starts with an empty session.
 */
class SessionsByUserTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#indexing")
    void signingOutEverywhereElseEndsTheOtherBrowsersSessionAtOnce(Store store) {
        try (TestApp app = TestApp.start(store)) {
            assertThat(app.manager().indexesPrincipals()).as("the " + store + " backend keeps the principal index").isTrue();
            CookieJarBrowser phone = app.cookieJarBrowser();
            CookieJarBrowser laptop = app.cookieJarBrowser();
            phone.body("/put?k=cart&v=apples");
            phone.body("/signin?user=alice");
            laptop.body("/signin?user=alice");
            laptop.body("/put?k=draft&v=letter");
            String laptopId = laptop.sessionId().orElseThrow();
            assertThat(phone.body("/whoami")).isEqualTo("alice");
            assertThat(laptop.body("/whoami")).isEqualTo("alice");
            assertThat(app.manager().sessionsOf("alice").sessions()).as("alice's sessions").hasSize(2);

            assertThat(phone.body("/end-others")).as("sessions ended").isEqualTo("1");

            assertThat(laptop.body("/whoami")).as("the laptop's very next request").isEqualTo("anonymous");
            assertThat(laptop.body("/get?k=draft")).isEqualTo("null");
            assertThat(laptop.body("/size")).as("keys of the laptop's session").isEqualTo("0");
            laptop.body("/put?k=note&v=new");
            assertThat(laptop.sessionId()).as("a write gets a fresh ID, not the ended one").isPresent()
                    .get().isNotEqualTo(laptopId);
            assertThat(laptop.body("/whoami")).isEqualTo("anonymous");
            assertThat(app.browser().get("/whoami", laptopId).body()).as("the ended ID stays dead").isEqualTo("anonymous");
            assertThat(phone.body("/whoami")).as("the phone is still signed in").isEqualTo("alice");
            assertThat(phone.body("/get?k=cart")).as("with its data").isEqualTo("apples");
            assertThat(app.manager().sessionsOf("alice").sessions()).extracting(SessionInfo::handle)
                    .as("alice's sessions after the sign-out everywhere else").hasSize(1);
            assertThat(store.sideDoor().keys(app.prefix())).as("store keys naming the user in clear")
                    .noneMatch(key -> key.contains("alice"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#indexing")
    void signingOutTakesTheSessionOutOfTheListAndLeavesTheOtherBrowserSignedIn(Store store) {
        try (TestApp app = TestApp.start(store)) {
            CookieJarBrowser phone = app.cookieJarBrowser();
            CookieJarBrowser laptop = app.cookieJarBrowser();
            phone.body("/signin?user=carol");
            laptop.body("/signin?user=carol");
            laptop.body("/put?k=draft&v=letter");

            phone.body("/signout");

            assertThat(phone.body("/whoami")).isEqualTo("anonymous");
            assertThat(laptop.body("/whoami")).isEqualTo("carol");
            assertThat(laptop.body("/get?k=draft")).isEqualTo("letter");
            assertThat(app.manager().sessionsOf("carol").sessions()).hasSize(1);
        }
    }

    /**
     * The security test of the issue: signing in 8 s into a 10 s absolute lifetime must not sign the
     * user out 2 s later. On the app's injected clock, for every store (Redis keeps its own TTL in
     * real time, so there the TTL the store holds after the sign-in is checked too).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#indexing")
    void theAbsoluteLifetimeCountsFromTheSignIn(Store store) {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try (TestApp app = TestApp.start(store, Map.of("SESSION_ABSOLUTE_LIFETIME", "10s"), clock)) {
            CookieJarBrowser browser = app.cookieJarBrowser();
            browser.body("/put?k=cart&v=apples");
            clock.advance(Duration.ofSeconds(8));

            browser.body("/signin?user=dave");
            if (!store.followsConfigClock()) {
                assertThat(store.sideDoor().ttl(app.storeKey(browser.sessionId().orElseThrow())).orElseThrow())
                        .as("the TTL the store holds after the sign-in").isGreaterThan(Duration.ofSeconds(5));
            }
            clock.advance(Duration.ofSeconds(2).plusMillis(1));
            assertThat(browser.body("/whoami")).as("2 s after signing in, 10 s after creation").isEqualTo("dave");
            assertThat(browser.body("/get?k=cart")).isEqualTo("apples");
            clock.advance(Duration.ofSeconds(7));
            assertThat(browser.body("/whoami")).as("9 s after signing in").isEqualTo("dave");

            browser.body("/signin?user=dave");
            clock.advance(Duration.ofSeconds(9));
            assertThat(browser.body("/whoami")).as("signing in again restarts the lifetime").isEqualTo("dave");
            clock.advance(Duration.ofSeconds(1).plusMillis(1));
            assertThat(browser.body("/whoami")).as("10 s after the last sign-in").isEqualTo("anonymous");
            assertThat(browser.body("/get?k=cart")).isEqualTo("null");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#indexing")
    void signingInAsAnotherUserStartsWithAnEmptySession(Store store) {
        try (TestApp app = TestApp.start(store, Map.of(), Clock.systemUTC())) {
            CookieJarBrowser browser = app.cookieJarBrowser();
            browser.body("/put?k=cart&v=apples");
            browser.body("/signin?user=erin");
            assertThat(browser.body("/get?k=cart")).as("an anonymous cart is kept at sign-in").isEqualTo("apples");
            browser.body("/put?k=secret&v=erins");
            String erinsId = browser.sessionId().orElseThrow();

            browser.body("/signin?user=frank");

            assertThat(browser.body("/whoami")).isEqualTo("frank");
            assertThat(browser.body("/get?k=secret")).as("erin's data after frank signed in").isEqualTo("null");
            assertThat(browser.body("/get?k=cart")).isEqualTo("null");
            assertThat(browser.body("/size")).isEqualTo("0");
            assertThat(browser.sessionId()).get().isNotEqualTo(erinsId);
            assertThat(app.browser().get("/whoami", erinsId).body()).as("erin's old ID").isEqualTo("anonymous");
            assertThat(app.manager().sessionsOf("erin").sessions()).as("erin's sessions").isEmpty();
            assertThat(app.manager().sessionsOf("frank").sessions()).as("frank's sessions").hasSize(1);
        }
    }
}
