package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a Boot application with Spring Security's form login (CSRF on) gets from the starter, on
 * one store and one container: each subclass is one {@code @SpringBootTest} of {@link TestApp}
 * with its settings, and a side door into its store.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class SignedInJourneyContract {

    static final String COOKIE = "session";

    @LocalServerPort
    int port;

    @Autowired
    SessionManager manager;

    private Browser lastBrowser;

    /** Whether the store holds a record under a store key, read with the store's own client. */
    abstract boolean storeHas(String storeKey);

    Browser browser() {
        lastBrowser = new Browser(port);
        return lastBrowser;
    }

    Browser signedIn() {
        Browser browser = browser();
        Browser.Response login = browser.signIn(TestApp.USER, TestApp.PASSWORD);
        assertThat(login.status()).as("sign-in answer").isEqualTo(302);
        assertThat(login.location()).doesNotContain("error");
        assertThat(browser.get("/").body()).isEqualTo("hello " + TestApp.USER);
        return browser;
    }

    @AfterEach
    void neverAContainerSessionNorAnErrorOnTheServer(CapturedOutput output) {
        // a stack trace in the server's log is a failure, also after the response went out (Jetty then
        // logs it as a warning and the client sees nothing wrong)
        assertThat(output.getOut() + output.getErr()).as("the server's log")
                .doesNotContainPattern("(?m)^[a-zA-Z_$][\\w.$]*(Exception|Error)\\b");
        if (lastBrowser != null) {
            assertThat(lastBrowser.setCookies()).as("Set-Cookie headers").noneMatch(c -> c.toUpperCase(Locale.ROOT)
                    .startsWith("JSESSIONID"));
        }
    }

    @Test
    void signingInChangesTheSessionIdAndTheOldCookieIsDead() {
        Browser browser = browser();
        assertThat(browser.get("/").status()).isEqualTo(302); // the saved request starts a session
        String before = browser.cookie(COOKIE);
        assertThat(before).as("session cookie before sign-in").isNotNull();
        assertThat(storeHas(manager.storeKey(before))).isTrue();

        Browser.Response login = browser.signIn(TestApp.USER, TestApp.PASSWORD);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).doesNotContain("error").doesNotContainIgnoringCase("jsessionid");
        String after = browser.cookie(COOKIE);
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(storeHas(manager.storeKey(after))).isTrue();
        assertThat(browser.get("/").body()).isEqualTo("hello " + TestApp.USER);

        Browser replay = new Browser(port);
        replay.setCookie(COOKIE, before);
        assertThat(replay.get("/").status()).as("the pre-sign-in cookie").isEqualTo(302);
    }

    @Test
    void sessionValuesAreKeptAcrossRequests() {
        Browser browser = signedIn();
        String token = browser.get("/csrf").body();
        assertThat(browser.post("/visits", Map.of("_csrf", token)).body()).isEqualTo("1");
        assertThat(browser.post("/visits", Map.of("_csrf", token)).body()).isEqualTo("2");
        assertThat(browser.get("/visits").body()).isEqualTo("2");
        assertThat(browser.post("/visits", Map.of()).status()).as("a POST without the CSRF token").isEqualTo(403);
    }

    @Test
    void signingInAsAnotherUserStartsEmptyAndAgainAsTheSameUserKeepsTheValues() {
        Browser browser = signedIn();
        assertThat(browser.post("/visits", Map.of("_csrf", browser.get("/csrf").body())).body()).isEqualTo("1");
        String first = browser.cookie(COOKIE);

        Browser.Response again = browser.post("/login", Map.of("username", TestApp.USER, "password", TestApp.PASSWORD,
                "_csrf", browser.get("/csrf").body()));
        assertThat(again.status()).isEqualTo(302);
        assertThat(browser.cookie(COOKIE)).as("a new ID at every sign-in").isNotEqualTo(first);
        assertThat(browser.get("/visits").body()).as("the same user's values").isEqualTo("1");

        Browser.Response other = browser.post("/login", Map.of("username", TestApp.OTHER_USER,
                "password", TestApp.OTHER_PASSWORD, "_csrf", browser.get("/csrf").body()));
        assertThat(other.status()).isEqualTo(302);
        assertThat(other.location()).doesNotContain("error");
        assertThat(browser.get("/").body()).isEqualTo("hello " + TestApp.OTHER_USER);
        assertThat(browser.get("/visits").body()).as("another user's values").isEqualTo("null");
    }

    @Test
    void signingOutDeletesTheSessionInTheStore() {
        Browser browser = signedIn();
        String id = browser.cookie(COOKIE);
        assertThat(storeHas(manager.storeKey(id))).isTrue();

        Browser.Response logout = browser.post("/logout", Map.of("_csrf", browser.get("/csrf").body()));
        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.location()).endsWith("/login?logout");
        assertThat(storeHas(manager.storeKey(id))).as("the record after sign-out").isFalse();
        Browser replay = new Browser(port);
        replay.setCookie(COOKIE, id);
        assertThat(replay.get("/").status()).isEqualTo(302);
    }

    @Test
    void notFoundPageOfASignedInUserKeepsTheSession() {
        Browser browser = signedIn();
        String id = browser.cookie(COOKIE);
        Browser.Response missing = browser.get("/no-such-page");
        assertThat(missing.status()).as("a missing page (location: %s)", missing.location()).isEqualTo(404);
        assertThat(missing.body()).contains("404");
        assertThat(browser.cookie(COOKIE)).isEqualTo(id);
        assertThat(browser.get("/").body()).isEqualTo("hello " + TestApp.USER);
    }

    @Test
    void forbiddenPageOfASignedInUserKeepsTheSession() {
        Browser browser = signedIn();
        String id = browser.cookie(COOKIE);
        Browser.Response forbidden = browser.get("/admin");
        assertThat(forbidden.status()).as("an admin page (location: %s)", forbidden.location()).isEqualTo(403);
        assertThat(forbidden.location()).isEmpty();
        assertThat(browser.cookie(COOKIE)).isEqualTo(id);
        assertThat(browser.get("/").body()).isEqualTo("hello " + TestApp.USER);
    }
}
