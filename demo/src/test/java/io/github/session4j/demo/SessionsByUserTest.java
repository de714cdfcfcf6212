package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.session4j.SessionConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #20 in the demo, over real HTTP on the memory backend: signing in is the core's sign-in
 * (another user starts empty, signing in again restarts the absolute lifetime), {@code /sessions}
 * and {@code /api/sessions} list the user's devices, "sign out everywhere else" ends the others at
 * once and only from the demo's own origin with the CSRF token.
 */
class SessionsByUserTest {

    private static final String CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/142.0.0.0 Safari/537.36";
    private static final String FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101"
            + " Firefox/145.0";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private RunningDemo demo;

    private void start(Map<String, String> settings) throws Exception {
        demo = new RunningDemo(SessionConfig.builder().put("SESSION_TYPE", "memory").putAll(settings).build(), clock, clock);
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    /** Signs in with the token of the sign-in form, or of the dashboard's for a visitor signed in already. */
    private static HttpResponse<String> signIn(Visitor visitor, String user, String password, String userAgent)
            throws Exception {
        boolean signedIn = visitor.sessionCookie() != null && visitor.get("/dashboard").statusCode() == 200;
        String csrf = visitor.csrf(signedIn ? "/dashboard" : "/login");
        return visitor.send("POST", "/login", "application/x-www-form-urlencoded",
                "username=" + user + "&password=" + password + "&csrf=" + csrf, Map.of("User-Agent", userAgent));
    }

    private Visitor ada(String userAgent) throws Exception {
        Visitor visitor = new Visitor(demo);
        assertThat(signIn(visitor, "ada", "ada-lovelace-1815", userAgent).statusCode()).isEqualTo(302);
        assertThat(visitor.get("/dashboard").body()).contains("Welcome, ada.");
        return visitor;
    }

    @Test
    void signingInAsAnotherUserStartsWithAnEmptySessionAndAnAnonymousCartIsKept() throws Exception {
        start(Map.of());
        Visitor visitor = new Visitor(demo);
        visitor.send("PUT", "/api/session/cart", "application/json", "[\"tea\"]");
        assertThat(signIn(visitor, "ada", "ada-lovelace-1815", CHROME_LINUX).statusCode()).isEqualTo(302);
        assertThat(visitor.get("/api/session").body()).contains("\"cart\":[\"tea\"]").contains("\"user\":\"ada\"");
        visitor.send("PUT", "/api/session/color", "application/json", "\"blue\"");

        String csrf = visitor.csrf("/dashboard");
        HttpResponse<String> grace = visitor.postForm("/login", "username=grace&password=grace-hopper-1906&csrf=" + csrf);
        assertThat(grace.statusCode()).isEqualTo(302);
        String session = visitor.get("/api/session").body();
        assertThat(session).contains("\"user\":\"grace\"").doesNotContain("blue").doesNotContain("tea");
    }

    @Test
    void signingInAgainRestartsTheAbsoluteLifetime() throws Exception {
        start(Map.of("SESSION_ABSOLUTE_LIFETIME", "10s"));
        Visitor visitor = new Visitor(demo);
        visitor.csrf("/login");
        clock.advance(Duration.ofSeconds(8));
        assertThat(signIn(visitor, "ada", "ada-lovelace-1815", CHROME_LINUX).statusCode()).isEqualTo(302);
        clock.advance(Duration.ofSeconds(5));
        assertThat(visitor.get("/dashboard").statusCode()).as("13 s after creation, 5 s after sign-in").isEqualTo(200);
        clock.advance(Duration.ofSeconds(4));
        assertThat(signIn(visitor, "ada", "ada-lovelace-1815", CHROME_LINUX).statusCode()).isEqualTo(302);
        clock.advance(Duration.ofSeconds(8));
        assertThat(visitor.get("/dashboard").statusCode()).as("17 s after the first sign-in, 8 s after the second")
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> late = visitor.get("/dashboard");
        assertThat(late.statusCode()).as("11 s after the last sign-in").isEqualTo(302);
        assertThat(late.headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void theSessionsPageAndTheApiListTheUsersDevicesByHandle() throws Exception {
        start(Map.of());
        Visitor laptop = ada(CHROME_LINUX);
        Visitor desktop = ada(FIREFOX_WINDOWS);
        Visitor grace = new Visitor(demo);
        assertThat(signIn(grace, "grace", "grace-hopper-1906", CHROME_LINUX).statusCode()).isEqualTo(302);

        JsonNode listed = Json.MAPPER.readTree(laptop.get("/api/sessions").body());
        assertThat(listed.get("sessions")).hasSize(2);
        assertThat(listed.get("more").asBoolean()).isFalse();
        JsonNode current = null;
        for (JsonNode session : listed.get("sessions")) {
            assertThat(session.get("handle").asText()).isNotEqualTo(laptop.sessionCookie())
                    .isNotEqualTo(desktop.sessionCookie()).isNotEqualTo(demo.manager().storeKey(laptop.sessionCookie()));
            assertThat(session.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(session.get("signedInAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
            if (session.get("current").asBoolean()) {
                current = session;
            }
        }
        assertThat(current).as("this device").isNotNull();
        assertThat(current.get("label").asText()).isEqualTo("Chrome on Linux");

        String page = desktop.get("/sessions").body();
        assertThat(page).contains("Firefox on Windows").contains("Chrome on Linux").contains("this device")
                .contains("id=\"sign-out-others\"").doesNotContain(desktop.sessionCookie());
        assertThat(page.split("class=\"session\"", -1)).as("two rows").hasSize(3);
        assertThat(new Visitor(demo).get("/api/sessions").statusCode()).as("nobody signed in").isEqualTo(401);
    }

    @Test
    void signOutEverywhereElseNeedsTheOwnOriginAndTheTokenAndEndsTheOthersAtOnce() throws Exception {
        start(Map.of());
        Visitor laptop = ada(CHROME_LINUX);
        Visitor phone = ada(FIREFOX_WINDOWS);
        Visitor tablet = ada(FIREFOX_WINDOWS);
        String csrf = Json.MAPPER.readTree(laptop.get("/api/sessions").body()).get("csrf").asText();
        String own = demo.url("").replaceAll("/$", "");

        assertThat(laptop.send("POST", "/api/sessions/revoke-others", null, null, Map.of()).statusCode())
                .as("without the token").isEqualTo(403);
        assertThat(laptop.send("POST", "/api/sessions/revoke-others", null, null,
                Map.of(Csrf.HEADER, csrf, "Origin", "http://localhost:1")).statusCode()).as("another origin").isEqualTo(403);
        assertThat(laptop.send("POST", "/api/sessions/revoke-others", null, null,
                Map.of(Csrf.HEADER, csrf, "Sec-Fetch-Site", "same-site")).statusCode()).as("another port").isEqualTo(403);
        assertThat(phone.get("/dashboard").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = laptop.send("POST", "/api/sessions/revoke-others", null, null,
                Map.of(Csrf.HEADER, csrf, "Origin", own, "Sec-Fetch-Site", "same-origin"));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo("{\"ended\":2}");
        assertThat(phone.get("/dashboard").headers().firstValue("Location")).hasValue("/login");
        assertThat(tablet.get("/dashboard").headers().firstValue("Location")).hasValue("/login");
        assertThat(laptop.get("/dashboard").body()).contains("Welcome, ada.");
        assertThat(Json.MAPPER.readTree(laptop.get("/api/sessions").body()).get("sessions")).hasSize(1);

        Visitor again = ada(CHROME_LINUX);
        String token = again.csrf("/sessions");
        assertThat(again.send("POST", "/sessions", "application/x-www-form-urlencoded", "csrf=" + token,
                Map.of("Origin", "http://127.0.0.1:1")).statusCode()).as("the form from another origin").isEqualTo(403);
        assertThat(laptop.get("/dashboard").statusCode()).isEqualTo(200);
        HttpResponse<String> form = again.postForm("/sessions", "csrf=" + token);
        assertThat(form.headers().firstValue("Location")).hasValue("/sessions?ended=1");
        assertThat(again.get("/sessions?ended=1").body()).contains("Signed out 1 other session.");
        assertThat(laptop.get("/dashboard").statusCode()).isEqualTo(302);
    }

    @Test
    void withoutThePrincipalIndexThePageSaysWhyAndTheApiIs501() throws Exception {
        start(Map.of("SESSION_PRINCIPAL_INDEX", "false"));
        Visitor laptop = ada(CHROME_LINUX);
        HttpResponse<String> api = laptop.get("/api/sessions");
        assertThat(api.statusCode()).isEqualTo(501);
        assertThat(api.body()).contains("keeps no principal index");
        assertThat(laptop.get("/sessions").body()).contains("id=\"unsupported\"");
    }

    @Test
    void theLabelIsShort() {
        assertThat(UserAgentLabel.of(CHROME_LINUX)).isEqualTo("Chrome on Linux");
        assertThat(UserAgentLabel.of(FIREFOX_WINDOWS)).isEqualTo("Firefox on Windows");
        assertThat(UserAgentLabel.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " HeadlessChrome/142.0.0.0 Safari/537.36")).isEqualTo("Chrome on Linux");
        assertThat(UserAgentLabel.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
                + " Gecko) Version/18.0 Safari/605.1.15")).isEqualTo("Safari on macOS");
        assertThat(UserAgentLabel.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0")).isEqualTo("Edge on Windows");
        assertThat(UserAgentLabel.of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15"
                + " (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1")).isEqualTo("Safari on iOS");
        assertThat(UserAgentLabel.of("curl/8.5.0")).isEqualTo("curl/8.5.0");
        assertThat(UserAgentLabel.of("x".repeat(500))).hasSize(60);
        assertThat(UserAgentLabel.of(null)).isEqualTo("Unknown device");
        assertThat(UserAgentLabel.of("\u0000\u0001")).isEqualTo("Unknown device");
    }
}
