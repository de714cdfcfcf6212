package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Items 7 and 8: signing in and {@code regenerate()} over real HTTP. */
class SignInTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void anIdObtainedBeforeSignInIsDeadAfterIt(Store store) {
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            String before = browser.get("/put?k=cart&v=apples").newId();

            String after = browser.get("/login?user=alice", before).newId();

            assertThat(after).isNotEqualTo(before);
            assertThat(browser.get("/get?k=user", after).body()).isEqualTo("alice");
            assertThat(browser.get("/get?k=cart", after).body()).as("the cart survives sign-in").isEqualTo("apples");
            assertThat(browser.get("/get?k=user", before).body()).as("the old ID is dead").isEqualTo("null");
            assertThat(browser.get("/get?k=cart", before).body()).isEqualTo("null");
            assertThat(store.sideDoor().read(app.storeKey(before)).orElse(new byte[0]))
                    .as("what is left under the old key (at most an empty tombstone)").isEmpty();

            String attackers = browser.get("/put?k=user&v=mallory", before).newId();
            assertThat(attackers).as("writing with the old ID starts another session").isNotIn(before, after);
            assertThat(browser.get("/get?k=user", after).body()).isEqualTo("alice");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void regenerateKeepsTheDataAndTheCreationTimeAndKillsTheOldId(Store store) {
        try (TestApp app = TestApp.start(store)) {
            Browser browser = app.browser();
            String old = browser.get("/put?k=cart&v=apples").newId();
            browser.get("/put?k=colour&v=blue", old);
            String created = browser.get("/created", old).body();

            String fresh = browser.get("/regenerate", old).newId();

            assertThat(fresh).isNotEqualTo(old);
            assertThat(browser.get("/created", fresh).body()).isEqualTo(created);
            assertThat(browser.get("/get?k=cart", fresh).body()).isEqualTo("apples");
            assertThat(browser.get("/get?k=colour", fresh).body()).isEqualTo("blue");
            assertThat(browser.get("/size", fresh).body()).isEqualTo("2");
            assertThat(browser.get("/get?k=cart", old).body()).isEqualTo("null");
            assertThat(browser.get("/size", old).body()).isEqualTo("0");
            assertThat(store.sideDoor().read(app.storeKey(old)).orElse(new byte[0])).isEmpty();
        }
    }
}
