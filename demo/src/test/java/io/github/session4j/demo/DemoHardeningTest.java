package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.CoreSettings;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's own hardening (issue #22, "The demo"), over real HTTP on the memory backend. */
class DemoHardeningTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private RunningDemo demo;

    private Visitor start() throws Exception {
        demo = new RunningDemo(SessionConfig.builder().put("SESSION_TYPE", "memory").build(), clock);
        return new Visitor(demo);
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aCounterThatHoldsANonNumberIsAClear409AndTheSessionKeepsWorking() throws Exception {
        Visitor visitor = start();
        visitor.send("PUT", "/api/session/counter", "application/json", "\"abc\"");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> conflict = visitor.send("POST", "/api/counter", null, null);
            assertThat(conflict.statusCode()).isEqualTo(409);
            assertThat(conflict.body()).isEqualTo("{\"error\":\"the session's 'counter' holds String \\\"abc\\\", not a number:"
                    + " DELETE /api/session/counter resets it\"}");
        }
        assertThat(visitor.get("/api/session").statusCode()).isEqualTo(200);
        visitor.send("DELETE", "/api/session/counter", null, null);
        assertThat(visitor.send("POST", "/api/counter", null, null).body()).isEqualTo("{\"counter\":1,\"stored\":false}");
        assertThat(visitor.get("/api/counter").body()).isEqualTo("{\"counter\":1,\"stored\":true}");
    }

    @Test
    void theCounterDoesNotWrapAt2To31() throws Exception {
        Visitor visitor = start();
        visitor.send("PUT", "/api/session/counter", "application/json", "2147483647");
        assertThat(visitor.send("POST", "/api/counter", null, null).body()).isEqualTo("{\"counter\":2147483648,\"stored\":false}");
        assertThat(visitor.get("/api/counter").body()).isEqualTo("{\"counter\":2147483648,\"stored\":true}");
    }

    @Test
    void aBodyOver64KbIsRefusedBeforeParsing() throws Exception {
        Visitor visitor = start();
        String big = "\"" + "x".repeat(70 * 1024) + "\"";
        HttpResponse<String> refused = visitor.send("PUT", "/api/session/big", "application/json", big);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("413 Content Too Large: request bodies are limited to 64 KB.\n");
        assertThat(visitor.get("/api/session").body()).doesNotContain("big");
        String fits = "\"" + "x".repeat(60 * 1024) + "\"";
        assertThat(visitor.send("PUT", "/api/session/fits", "application/json", fits).statusCode()).isEqualTo(200);
    }

    @Test
    void traceIsOffAndNoResponseNamesTheServer() throws Exception {
        Visitor visitor = start();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> trace = http.send(HttpRequest.newBuilder(URI.create(demo.url("/login")))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).header("Cookie", "session=secret").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trace.statusCode()).isEqualTo(405);
        assertThat(trace.body()).doesNotContain("secret");
        HttpResponse<String> page = visitor.get("/login");
        HttpResponse<String> missing = visitor.get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : java.util.List.of(trace, page, missing)) {
            assertThat(response.headers().firstValue("Server")).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
            assertThat(response.body()).doesNotContainIgnoringCase("jetty");
        }
    }

    @Test
    void signInIsThrottledPerUserNameWithRetryAfter() throws Exception {
        Visitor visitor = start();
        for (int i = 0; i < SignInThrottle.PER_USER; i++) {
            assertThat(signIn(visitor, "ada", "wrong").statusCode()).isEqualTo(401);
            clock.advance(Duration.ofSeconds(60));
        }
        HttpResponse<String> throttled = signIn(visitor, "ada", "ada-lovelace-1815");
        assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(signIn(visitor, "grace", "grace-hopper-1906").statusCode()).as("another user is not held up").isEqualTo(302);
        clock.advance(Duration.ofMinutes(10));
        assertThat(signIn(new Visitor(demo), "ada", "ada-lovelace-1815").statusCode()).isEqualTo(302);
    }

    @Test
    void signInIsThrottledPerAddress() throws Exception {
        Visitor visitor = start();
        for (int i = 0; i < SignInThrottle.PER_ADDRESS; i++) {
            assertThat(signIn(visitor, "user" + i, "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = signIn(visitor, "grace", "grace-hopper-1906");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("900");
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefused() throws Exception {
        Visitor visitor = start();
        visitor.csrf("/login");
        HttpResponse<String> forged = visitor.postForm("/login", "username=ada&password=ada-lovelace-1815");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("id=\"csrf-error\"");
        assertThat(visitor.postForm("/login", "username=ada&password=ada-lovelace-1815&csrf=wrong").statusCode()).isEqualTo(403);
        assertThat(signIn(visitor, "ada", "ada-lovelace-1815").statusCode()).isEqualTo(302);
        assertThat(visitor.postForm("/logout", "").statusCode()).isEqualTo(403);
        assertThat(visitor.get("/dashboard").body()).contains("Welcome, ada.");
    }

    @Test
    void theDemoTurnsTheCrossOriginGuardOnAndTheProductionProfileIsTheReadmesTable() {
        try (SessionManager development = SessionManager.create(DemoProfile.config(Map.of("SESSION_TYPE", "memory")))) {
            assertThat(development.settings().crossOriginProtection()).isTrue();
            assertThat(development.settings().cookieName()).isEqualTo("session");
        }
        String key = "k".repeat(48);
        try (SessionManager production = SessionManager.create(DemoProfile.config(Map.of("SESSION_TYPE", "memory",
                "DEMO_PROFILE", "production", "SECRET_KEY", key, "SECRET_KEY_FALLBACKS", "o".repeat(48))))) {
            CoreSettings settings = production.settings();
            assertThat(settings.cookieName()).isEqualTo("__Host-session");
            assertThat(settings.cookieSecure()).isTrue();
            assertThat(settings.cookieHttpOnly()).isTrue();
            assertThat(settings.permanent()).isFalse();
            assertThat(settings.permanentLifetime()).isEqualTo(Duration.ofMinutes(30));
            assertThat(settings.absoluteLifetime()).hasValue(Duration.ofHours(12));
            assertThat(settings.crossOriginProtection()).isTrue();
            assertThat(settings.noStore()).isTrue();
            assertThat(settings.secretKey()).hasValue(key);
            assertThat(settings.secretKeyFallbacks()).hasSize(1);
        }
        assertThatThrownBy(() -> DemoProfile.config(Map.of("SESSION_TYPE", "memory", "DEMO_PROFILE", "production")))
                .hasMessage("DEMO_PROFILE=production needs SECRET_KEY: set it to a random value of at least 32 bytes"
                        + " ('openssl rand -base64 48'); when rotating, the previous key goes into SECRET_KEY_FALLBACKS");
        assertThatThrownBy(() -> DemoProfile.config(Map.of("DEMO_PROFILE", "prod")))
                .hasMessage("DEMO_PROFILE was 'prod' but it must be development or production");
    }

    private static HttpResponse<String> signIn(Visitor visitor, String user, String password) throws Exception {
        return visitor.postForm("/login", "username=" + user + "&password=" + password + "&csrf=" + visitor.csrf("/login"));
    }
}
