package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 22, "concurrent sign-ins": two sign-ins ({@code regenerate()} and a write of
 * {@code user}) on one pre-login session, released together after each loaded it, leave exactly
 * one live session: the one the winning request handed out, signed in, with the pre-login data.
 * The other request is answered without a live cookie, and the pre-login ID is dead.
 */
class SignInRaceTest {

    private static final int ROUNDS = 5;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void twoSignInsReleasedTogetherLeaveOneLiveSignedInSession(Store store) {
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            for (int round = 0; round < ROUNDS; round++) {
                String id = browser.get("/put?k=cart&v=apples").newId();
                String gateName = "sign-in" + round;
                Gate gate = app.gate(gateName, 2);
                CompletableFuture<Reply> alice = browser.getAsync("/hold?gate=" + gateName + "&then=login&user=alice", id);
                CompletableFuture<Reply> bob = browser.getAsync("/hold?gate=" + gateName + "&then=login&user=bob", id);
                gate.awaitArrivals();
                gate.open();

                List<String> handedOut = new ArrayList<>();
                for (Reply reply : List.of(alice.join(), bob.join())) {
                    assertThat(reply.status()).isEqualTo(200);
                    if (reply.setCookie().isPresent() && !reply.deletesCookie()) {
                        handedOut.add(reply.newId());
                    }
                }
                List<String> live = handedOut.stream()
                        .filter(candidate -> !browser.get("/get?k=user", candidate).body().equals("null"))
                        .collect(Collectors.toList());
                assertThat(live).as("round " + round + ": live signed-in sessions among those handed out " + handedOut)
                        .hasSize(1);
                assertThat(handedOut).as("round " + round + ": live cookies handed out").hasSize(1);
                assertThat(browser.get("/get?k=cart", live.get(0)).body()).isEqualTo("apples");
                assertThat(browser.get("/get?k=cart", id).body()).as("the pre-login ID").isEqualTo("null");
            }
        }
    }

    /**
     * The same without a gate, as a browser sends them: each request loads the session when it
     * gets to it, so the second may load after the first has committed and find the pre-login ID
     * dead. Then it signs in on a fresh session (as a sign-in with no cookie would): two live
     * signed-in sessions may result, but never two carrying the pre-login data.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void twoSignInsSentTogetherNeverLeaveTwoSessionsWithThePreLoginData(Store store) {
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            for (int round = 0; round < ROUNDS * 4; round++) {
                String id = browser.get("/put?k=cart&v=apples").newId();
                CompletableFuture<Reply> alice = browser.getAsync("/login?user=alice", id);
                CompletableFuture<Reply> bob = browser.getAsync("/login?user=bob", id);
                List<String> withData = new ArrayList<>();
                for (Reply reply : List.of(alice.join(), bob.join())) {
                    assertThat(reply.status()).isEqualTo(200);
                    if (reply.setCookie().isPresent() && !reply.deletesCookie()
                            && browser.get("/get?k=cart", reply.newId()).body().equals("apples")) {
                        withData.add(reply.newId());
                    }
                }
                assertThat(withData).as("round " + round + ": live sessions with the pre-login data").hasSize(1);
                assertThat(browser.get("/get?k=cart", id).body()).as("the pre-login ID").isEqualTo("null");
            }
        }
    }
}
