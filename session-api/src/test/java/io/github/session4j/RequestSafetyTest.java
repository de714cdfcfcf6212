package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.memory.MemorySessionInterface;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §11 against the memory backend: a cross-site unsafe request keeps the browser's
 * cookie as it is, the opt-in cross-origin guard (Go 1.25's rules), and the caching headers.
 */
class RequestSafetyTest {

    private static final String HOST = "app.example:8080";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private CountingSessionInterface store;
    private SessionManager manager;

    private SessionManager manager(String... pairs) {
        SessionConfig.Builder config = SessionConfig.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        store = new CountingSessionInterface(new MemorySessionInterface(clock));
        manager = SessionManager.builder(config.build()).clock(clock).backend("memory", store).build();
        return manager;
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Request headers: Host always, then name/value pairs. */
    private static RequestHeaders headers(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("Host", List.of(HOST));
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return RequestHeaders.of(map);
    }

    private CommitResult request(String method, RequestHeaders headers, Consumer<Session> code) {
        SessionContext context = manager.begin(method, "/login", headers);
        code.accept(context.session());
        return context.commit();
    }

    private static String idOf(CommitResult result) {
        String cookie = result.header("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie in " + result));
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    @Nested
    class CrossSiteRequests {

        @Test
        void aCrossSitePostCreatesNoSessionAndSendsNoCookie() {
            manager();
            CommitResult result = request("POST", headers("Sec-Fetch-Site", "cross-site"), s -> {
                s.put("user", "mallory");
                assertThat(s.get("user")).as("the session lives in memory for the request").isEqualTo("mallory");
            });
            assertThat(result.header("Set-Cookie")).isEmpty();
            assertThat(store.creates.get()).isZero();
            assertThat(manager.stats().crossSiteDrops()).isEqualTo(1);
        }

        @Test
        void aForeignOriginWithoutFetchMetadataCountsAsCrossSite() {
            manager();
            CommitResult result = request("POST", headers("Origin", "http://127.0.0.1:9090"), s -> s.put("user", "mallory"));
            assertThat(result.header("Set-Cookie")).isEmpty();
            assertThat(store.creates.get()).isZero();
            CommitResult opaque = request("POST", headers("Origin", "null"), s -> s.put("user", "mallory"));
            assertThat(opaque.header("Set-Cookie")).isEmpty();
        }

        @Test
        void sameOriginSameSiteSafeAndNonBrowserRequestsCreateSessions() {
            manager();
            assertThat(request("POST", headers("Sec-Fetch-Site", "same-origin"), s -> s.put("a", 1)).header("Set-Cookie")).isPresent();
            assertThat(request("POST", headers("Sec-Fetch-Site", "same-site"), s -> s.put("a", 1)).header("Set-Cookie")).isPresent();
            assertThat(request("POST", headers("Origin", "http://" + HOST), s -> s.put("a", 1)).header("Set-Cookie")).isPresent();
            assertThat(request("GET", headers("Sec-Fetch-Site", "cross-site"), s -> s.put("a", 1)).header("Set-Cookie")).isPresent();
            assertThat(request("POST", headers(), s -> s.put("a", 1)).header("Set-Cookie")).isPresent();
            assertThat(store.creates.get()).isEqualTo(5);
        }

        @Test
        void aCrossSiteSignInCannotReplaceThePresentedSessionsId() {
            manager();
            String id = idOf(request("POST", headers(), s -> s.put("user", "ada")));
            CommitResult result = request("POST", headers("Sec-Fetch-Site", "cross-site", "Cookie", "session=" + id), s -> {
                s.regenerate();
                s.put("user", "mallory");
            });
            assertThat(result.header("Set-Cookie")).isEmpty();
            assertThat(store.creates.get()).as("no new ID was stored").isEqualTo(1);
            CommitResult read = request("GET", headers("Cookie", "session=" + id), s -> assertThat(s.get("user")).isEqualTo("ada"));
            assertThat(idOf(read)).as("the refreshed cookie keeps the old ID").isEqualTo(id);
        }

        @Test
        void aCrossSiteRequestStillSavesChangesToThePresentedSession() {
            manager();
            String id = idOf(request("POST", headers(), s -> s.put("n", 1)));
            CommitResult result = request("POST", headers("Sec-Fetch-Site", "cross-site", "Cookie", "session=" + id),
                    s -> s.put("n", 2));
            assertThat(result.header("Set-Cookie")).isEmpty();
            request("GET", headers("Cookie", "session=" + id), s -> assertThat(s.get("n")).isEqualTo(2));
        }

        @Test
        void trustedOriginsAndBypassPatternsMayCreateSessions() {
            manager("SESSION_TRUSTED_ORIGINS", "https://sso.example.org", "SESSION_CROSS_ORIGIN_BYPASS", "POST /saml/");
            assertThat(request("POST", headers("Sec-Fetch-Site", "cross-site", "Origin", "https://SSO.example.org"),
                    s -> s.put("a", 1)).header("Set-Cookie")).isPresent();
            SessionContext bypassed = manager.begin("POST", "/saml/acs", headers("Sec-Fetch-Site", "cross-site"));
            bypassed.session().put("a", 1);
            assertThat(bypassed.commit().header("Set-Cookie")).isPresent();
            SessionContext traversal = manager.begin("POST", "/saml/../login", headers("Sec-Fetch-Site", "cross-site"));
            traversal.session().put("a", 1);
            assertThat(traversal.commit().header("Set-Cookie")).as("a path that is not normalized is never bypassed").isEmpty();
        }
    }

    @Nested
    class Guard {

        @Test
        void offByDefault() {
            manager();
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Sec-Fetch-Site", "cross-site"))).isEmpty();
        }

        @Test
        void refusesWhatGosCrossOriginProtectionRefuses() {
            manager("SESSION_CROSS_ORIGIN_PROTECTION", "true");
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Sec-Fetch-Site", "cross-site"))).hasValue(
                    "403 Forbidden: cross-origin request refused: the browser says this POST request comes from another origin"
                    + " (Sec-Fetch-Site: cross-site). Send it from this site's own pages; a site that must accept it lists"
                    + " its origin in SESSION_TRUSTED_ORIGINS or its path in SESSION_CROSS_ORIGIN_BYPASS.\n");
            assertThat(manager.crossOriginRefusal("PUT", "/", headers("Sec-Fetch-Site", "same-site"))).isPresent();
            assertThat(manager.crossOriginRefusal("DELETE", "/", headers("Origin", "http://localhost:8080"))).hasValueSatisfying(
                    body -> assertThat(body).contains("this DELETE request's Origin (http://localhost:8080) is not this site"
                            + " (app.example:8080), and the browser sent no Sec-Fetch-Site"));
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Origin", "https://" + HOST)))
                    .as("the scheme is not seen, as in Go").isEmpty();
        }

        @Test
        void letsThroughWhatGoLetsThrough() {
            manager("SESSION_CROSS_ORIGIN_PROTECTION", "true");
            assertThat(manager.crossOriginRefusal("GET", "/", headers("Sec-Fetch-Site", "cross-site"))).isEmpty();
            assertThat(manager.crossOriginRefusal("HEAD", "/", headers("Sec-Fetch-Site", "cross-site"))).isEmpty();
            assertThat(manager.crossOriginRefusal("OPTIONS", "/", headers("Sec-Fetch-Site", "cross-site"))).isEmpty();
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Sec-Fetch-Site", "same-origin"))).isEmpty();
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Sec-Fetch-Site", "none"))).isEmpty();
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Origin", "http://" + HOST))).isEmpty();
            assertThat(manager.crossOriginRefusal("POST", "/", headers())).isEmpty();
        }

        @Test
        void trustedOriginsAndBypassPatterns() {
            manager("SESSION_CROSS_ORIGIN_PROTECTION", "true", "SESSION_TRUSTED_ORIGINS", "https://sso.example.org, http://localhost:9000",
                    "SESSION_CROSS_ORIGIN_BYPASS", "POST /hooks/, /webhook");
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Sec-Fetch-Site", "cross-site", "Origin", "https://sso.example.org")))
                    .isEmpty();
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Origin", "http://localhost:9000"))).isEmpty();
            assertThat(manager.crossOriginRefusal("POST", "/", headers("Origin", "http://localhost:9001"))).isPresent();
            assertThat(manager.crossOriginRefusal("POST", "/hooks/github", headers("Sec-Fetch-Site", "cross-site"))).isEmpty();
            assertThat(manager.crossOriginRefusal("PUT", "/hooks/github", headers("Sec-Fetch-Site", "cross-site"))).isPresent();
            assertThat(manager.crossOriginRefusal("PUT", "/webhook", headers("Sec-Fetch-Site", "cross-site"))).isEmpty();
            assertThat(manager.crossOriginRefusal("PUT", "/webhook/x", headers("Sec-Fetch-Site", "cross-site"))).isPresent();
            assertThat(manager.crossOriginRefusal("POST", "/hooks//../login", headers("Sec-Fetch-Site", "cross-site"))).isPresent();
        }

        @Test
        void malformedOriginsAndPatternsStopStartUpWithTheKeyAndTheCulprit() {
            assertThatThrownBy(() -> manager("SESSION_TRUSTED_ORIGINS", "https://ok.example, https://bad.example/path"))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessageContaining("SESSION_TRUSTED_ORIGINS was 'https://ok.example, https://bad.example/path' but it must be"
                            + " comma-separated origins such as https://app.example.com or http://localhost:8080 (scheme://host[:port],"
                            + " no path): https://bad.example/path is not one");
            assertThatThrownBy(() -> manager("SESSION_CROSS_ORIGIN_BYPASS", "post /hooks/"))
                    .isInstanceOf(SessionConfigException.class)
                    .hasMessageContaining("SESSION_CROSS_ORIGIN_BYPASS was 'post /hooks/' but it must be comma-separated patterns"
                            + " '[METHOD ]/path', a path ending in / matching everything below it (POST /hooks/): post /hooks/ is not one");
        }
    }

    @Nested
    class Caching {

        private Optional<String> cacheControl(CommitResult result) {
            return result.header("Cache-Control");
        }

        @Test
        void everyResponseWhoseSessionWasUsedIsNoStore() {
            manager();
            CommitResult created = request("POST", headers(), s -> s.put("user", "ada"));
            assertThat(cacheControl(created)).hasValue("private, no-store");
            String cookie = "session=" + idOf(created);
            assertThat(cacheControl(request("GET", headers("Cookie", cookie), s -> s.get("user")))).hasValue("private, no-store");
            assertThat(cacheControl(request("GET", headers(), s -> s.get("user")))).as("new, empty").hasValue("private, no-store");
            assertThat(cacheControl(request("POST", headers("Cookie", cookie), Session::invalidate))).hasValue("private, no-store");
            SessionContext untouched = manager.begin("GET", "/", headers("Cookie", cookie));
            assertThat(untouched.commit().headers()).isEmpty();
        }

        @Test
        void aReadWithoutRefreshIsNoStoreToo() {
            manager("SESSION_REFRESH_EACH_REQUEST", "false");
            String cookie = "session=" + idOf(request("POST", headers(), s -> s.put("user", "ada")));
            CommitResult read = request("GET", headers("Cookie", cookie), s -> s.get("user"));
            assertThat(read.header("Set-Cookie")).isEmpty();
            assertThat(cacheControl(read)).hasValue("private, no-store");
        }

        @Test
        void noStoreFalseKeepsPrivateOnCookieResponsesOnly() {
            manager("SESSION_NO_STORE", "false", "SESSION_REFRESH_EACH_REQUEST", "false");
            CommitResult created = request("POST", headers(), s -> s.put("user", "ada"));
            assertThat(cacheControl(created)).hasValue("private");
            assertThat(cacheControl(request("GET", headers("Cookie", "session=" + idOf(created)), s -> s.get("user")))).isEmpty();
        }

        @Test
        void varyNamesTheIdHeader() {
            manager("SESSION_ID_HEADER", "X-Session-Id");
            CommitResult created = request("POST", headers(), s -> s.put("user", "ada"));
            assertThat(created.header("Vary")).hasValue("Cookie, X-Session-Id");
            String id = created.header("X-Session-Id").orElseThrow();
            assertThat(request("GET", headers("X-Session-Id", id), s -> s.get("user")).header("Vary")).hasValue("Cookie, X-Session-Id");
        }
    }
}
