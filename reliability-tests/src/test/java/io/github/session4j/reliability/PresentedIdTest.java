package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Items 2, 3, 4 and 6: what a client presents as its session ID is never trusted. Store calls
 * are counted at the SPI (the kit's {@code CountingSessionInterface} around the backend).
 */
class PresentedIdTest {

    /** A well-formed ID that no one was given. */
    static String unknownId() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void anUnknownWellFormedIdGetsANewIdAndIsNeverStoredOrEchoed(Store store) {
        try (TestApp app = TestApp.start(store)) {
            String presented = unknownId();
            Reply reply = app.browser().get("/put?k=cart&v=apples", presented);

            String issued = reply.newId();
            assertThat(issued).isNotEqualTo(presented);
            assertThat(reply.body()).doesNotContain(presented);
            assertThat(reply.headers().map().toString()).doesNotContain(presented);
            assertThat(store.sideDoor().exists(app.storeKey(presented))).isFalse();
            assertThat(store.sideDoor().keys(app.prefix())).containsExactly(app.storeKey(issued))
                    .noneMatch(key -> key.contains(presented));
            assertThat(app.browser().get("/get?k=cart", presented).body()).isEqualTo("null");
            assertThat(app.browser().get("/get?k=cart", issued).body()).isEqualTo("apples");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void malformedIdsGetAFreshSessionWithoutAnyStoreCall(Store store) {
        try (TestApp app = TestApp.start(store)) {
            String valid = app.browser().get("/put?k=cart&v=apples").newId();
            Map<String, String> printable = new LinkedHashMap<>();
            printable.put("path traversal", "../x");
            printable.put("percent-encoded dots", "%2e%2e");
            printable.put("64 KB", "A".repeat(64 * 1024));
            printable.put("spaces", valid.substring(0, 20) + " " + valid.substring(21));
            printable.put("one character short", valid.substring(1));
            printable.put("one character long", valid + "A");
            printable.put("outside base64url", valid.substring(1) + "+");
            printable.put("quoted wrong length", "\"" + valid.substring(2) + "\"");
            for (Map.Entry<String, String> id : printable.entrySet()) {
                long before = app.storeCalls();
                Reply read = app.browser().getWithCookieHeader("/get?k=cart", "session=" + id.getValue());
                assertThat(read.body()).as(id.getKey()).isEqualTo("null");
                assertThat(read.setCookie()).as(id.getKey()).isEmpty();
                assertThat(app.storeCalls()).as("store calls for " + id.getKey()).isEqualTo(before);

                Reply write = app.browser().getWithCookieHeader("/put?k=cart&v=pears", "session=" + id.getValue());
                assertThat(write.newId()).as(id.getKey()).isNotEqualTo(id.getValue()).isNotEqualTo(valid);
                assertThat(app.storeCalls()).as("only the create for " + id.getKey()).isEqualTo(before + 1);
            }
            Map<String, byte[]> raw = new LinkedHashMap<>();
            raw.put("NUL", latin1("session=" + valid.substring(1) + "\0"));
            raw.put("NUL inside", latin1("session=" + valid.substring(0, 10) + "\0" + valid.substring(11)));
            raw.put("CR LF", latin1("session=" + valid.substring(0, 10) + "\r\nX-Injected: " + valid.substring(10)));
            raw.put("bare LF", latin1("session=" + valid.substring(0, 10) + "\nSet-Cookie: x=" + valid.substring(10)));
            raw.put("non-ASCII (UTF-8)", ("session=" + valid.substring(0, 42) + "\u00e9").getBytes(StandardCharsets.UTF_8));
            raw.put("non-ASCII (Latin-1)", latin1("session=" + valid.substring(0, 42) + "\u00e9"));
            for (Map.Entry<String, byte[]> id : raw.entrySet()) {
                long before = app.storeCalls();
                RawHttp.RawReply read = RawHttp.getWithCookie(app.browser().port(), "/get?k=cart", id.getValue());
                assertThat(read.status()).as(id.getKey() + ": a fresh session or a refused request").isIn(200, 400, -1);
                assertThat(read.setsCookie()).as(id.getKey()).isFalse();
                assertThat(app.storeCalls()).as("store calls for " + id.getKey()).isEqualTo(before);
            }
            assertThat(app.browser().get("/get?k=cart", valid).body()).as("the real session is untouched").isEqualTo("apples");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void severalCookiesOfTheSameNameGiveTheFirstWellFormedOneWithBoundedLookups(Store store) {
        try (TestApp app = TestApp.start(store)) {
            String first = app.browser().get("/put?k=who&v=first").newId();
            String second = app.browser().get("/put?k=who&v=second").newId();

            long before = app.manager().stats().loads();
            Reply reply = app.browser().getWithCookieHeader("/get?k=who",
                    "session=../x; session=" + first + "; other=1; session=" + second);
            assertThat(reply.body()).isEqualTo("first");
            assertThat(app.manager().stats().loads() - before).as("lookups").isEqualTo(1);
            assertThat(app.browser().getWithCookieHeader("/get?k=who", "session=" + second + "; session=" + first).body())
                    .as("the order decides, every time").isEqualTo("second");

            List<String> unknown = IntStream.range(0, 50).mapToObj(i -> unknownId()).collect(Collectors.toCollection(ArrayList::new));
            unknown.add(first);
            before = app.manager().stats().loads();
            long calls = app.storeCalls();
            Reply many = app.browser().getWithCookieHeader("/get?k=who",
                    unknown.stream().map(id -> "session=" + id).collect(Collectors.joining("; ")));
            assertThat(many.body()).as("only the first well-formed one is looked up").isEqualTo("null");
            assertThat(app.manager().stats().loads() - before).as("lookups for 51 cookies").isEqualTo(1);
            assertThat(app.storeCalls() - calls).as("store calls for 51 cookies").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.session4j.reliability.Stores#all")
    void anIdInTheUrlIsIgnored(Store store) {
        try (TestApp app = TestApp.start(store)) {
            String id = app.browser().get("/put?k=cart&v=apples").newId();
            long before = app.storeCalls();
            for (String path : List.of("/get?k=cart&session=" + id, "/get?session=" + id + "&k=cart",
                    "/get;session=" + id + "?k=cart", "/get;jsessionid=" + id + "?k=cart", "/get?k=cart&sessionid=" + id)) {
                Reply reply = app.browser().get(path);
                assertThat(reply.body()).as(path).isEqualTo("null");
                assertThat(reply.setCookie()).as(path).isEmpty();
            }
            assertThat(app.storeCalls()).as("no lookup of an ID from the URL").isEqualTo(before);
        }
    }
}
