package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Item 18: no raw session ID appears in any log line, console line, exception message or store
 * key of the whole suite. Runs last ({@code @Order}, see {@code junit-platform.properties}) and
 * checks what {@link SuiteCapture} collected from every test before it; it first drives every
 * endpoint over every store itself (failures included), so that it proves something when run
 * alone too.
 */
@Order(Integer.MAX_VALUE)
class RawIdNeverLeaksTest {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,}");

    @Test
    void noRawSessionIdAppearsInAnyLogLineExceptionMessageOrStoreKey() {
        Stores.all().forEach(RawIdNeverLeaksTest::driveEveryPath);

        Set<String> ids = SuiteCapture.sessionIds();
        List<String> lines = SuiteCapture.lines();
        List<String> messages = SuiteCapture.exceptionMessages();
        List<String> keys = SuiteCapture.storeKeys();
        assertThat(ids).as("session IDs seen on the wire").hasSizeGreaterThan(50);
        assertThat(lines).as("captured log lines").isNotEmpty();
        assertThat(keys).as("store keys recorded").isNotEmpty();

        assertThat(leaks(lines, ids)).as("log and console lines holding a raw session ID").isEmpty();
        assertThat(leaks(messages, ids)).as("exception messages holding a raw session ID").isEmpty();
        assertThat(leaks(keys, ids)).as("store keys holding a raw session ID").isEmpty();
    }

    /** Sign in, use, regenerate, sign out, a tampered record and an unknown ID, on one store. */
    private static void driveEveryPath(Store store) {
        try (TestApp app = TestApp.start(store, Map.of("SECRET_KEY", "a-secret-key-of-at-least-32-bytes-long"),
                Clock.systemUTC())) {
            Browser browser = app.browser();
            String anonymous = browser.get("/put?k=cart&v=apples").newId();
            String signedIn = browser.get("/login?user=alice", anonymous).newId();
            browser.get("/get?k=cart", anonymous);
            String regenerated = browser.get("/regenerate", signedIn).newId();
            store.sideDoor().write(app.storeKey(regenerated), "tampered".getBytes(StandardCharsets.UTF_8));
            browser.get("/get?k=user", regenerated);
            String again = browser.get("/login?user=alice").newId();
            browser.get("/logout", again);
            browser.get("/get?k=user", PresentedIdTest.unknownId());
        }
    }

    /** The entries that contain one of {@code ids}, each with the ID shortened. */
    private static Set<String> leaks(List<String> entries, Set<String> ids) {
        Set<Integer> lengths = new TreeSet<>();
        ids.forEach(id -> lengths.add(id.length()));
        Set<String> found = new TreeSet<>();
        for (String entry : entries) {
            Matcher tokens = TOKEN.matcher(entry);
            while (tokens.find()) {
                String token = tokens.group();
                for (int length : lengths) {
                    for (int at = 0; at + length <= token.length(); at++) {
                        String candidate = token.substring(at, at + length);
                        if (ids.contains(candidate)) {
                            found.add(candidate.substring(0, 6) + "... in: " + shorten(entry));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String shorten(String entry) {
        return entry.length() > 300 ? entry.substring(0, 300) + "..." : entry;
    }
}
