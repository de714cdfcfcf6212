package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Item 17 through HTTP and the store: awkward text values round-trip exactly in both formats, and
 * the size and depth caps hold with a clear error (a 413 from the test app carrying the core's
 * message) and leave the stored session as it was. The codec's own tests are in session-api
 * ({@code CodecRoundTripTest}, {@code CodecLimitsTest}).
 */
class ValuesTest {

    private static final List<String> AWKWARD = List.of(
            "line one\r\nline two\nthree\rfour",
            "a=b; c=d; session=xyz",
            "{\"@class\":\"java.lang.Runtime\",\"user\":\"admin\",\"roles\":[\"x\"]}",
            "[\"L\", 5]",
            "\"quoted\" \\ backslash \t tab \u0000 nul",
            "caf\u00e9 \u65e5\u672c \ud83d\ude00",
            "");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void awkwardValuesRoundTripExactly(Store store) {
        for (String format : List.of("msgpack", "json")) {
            try (TestApp app = TestApp.start(store, Map.of("SESSION_SERIALIZATION_FORMAT", format), Clock.systemUTC())) {
                String id = app.browser().post("/put?k=seed", "x").newId();
                for (int i = 0; i < AWKWARD.size(); i++) {
                    assertThat(app.browser().post("/put?k=v" + i, AWKWARD.get(i), id).status()).isEqualTo(200);
                }
                for (int i = 0; i < AWKWARD.size(); i++) {
                    assertThat(app.browser().get("/get?k=v" + i, id).body()).as(format + " value " + i)
                            .isEqualTo(AWKWARD.get(i));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void theSizeAndDepthCapsHoldWithAClearError(Store store) {
        try (TestApp app = TestApp.start(store, Map.of("SESSION_MAX_SIZE", "1KB", "SESSION_MAX_DEPTH", "4"),
                Clock.systemUTC())) {
            String id = app.browser().post("/put?k=note", "small").newId();
            byte[] stored = store.sideDoor().read(app.storeKey(id)).orElseThrow();

            Reply tooLarge = app.browser().post("/put?k=note", "x".repeat(2000), id);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.body()).matches("the session is \\d+ bytes encoded, over SESSION_MAX_SIZE=1024;"
                    + " store less in the session or raise SESSION_MAX_SIZE");
            assertThat(tooLarge.setCookie()).isEmpty();

            Reply tooDeep = app.browser().get("/nest?depth=6", id);
            assertThat(tooDeep.status()).isEqualTo(413);
            assertThat(tooDeep.body()).startsWith("session key 'nested").contains("nests deeper than SESSION_MAX_DEPTH=4");
            assertThat(tooDeep.setCookie()).isEmpty();

            assertThat(store.sideDoor().read(app.storeKey(id))).as("the stored session is unchanged").hasValue(stored);
            assertThat(app.browser().get("/get?k=note", id).body()).isEqualTo("small");
            assertThat(app.browser().get("/nest?depth=3", id).status()).as("within the cap").isEqualTo(200);
        }
    }
}
