package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.session4j.SessionConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Forged form posts in a real headless Chromium, as the security test of issue #22 made them: the
 * user signs in to the demo at {@code http://localhost:<port>}, then opens a page of another
 * origin that posts a form back to the demo as soon as it loads. The other origin is
 * {@code http://127.0.0.1:<other port>} (another host name: a cross-site request, which the
 * browser sends without the {@code SameSite=Lax} session cookie) or
 * {@code http://localhost:<other port>} (another port of the same host: a same-site but
 * cross-origin request, which carries the cookie). Screenshots go to
 * {@code demo/target/screenshots/}.
 */
class CrossSiteBrowserTest {

    @TempDir
    Path dir;

    private RunningDemo demo;
    private HttpServer other;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.requireInstalled();
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/forge", exchange -> {
            // /forge?http://localhost:1234/api/counter : a page that posts a form there on load
            String target = exchange.getRequestURI().getQuery();
            byte[] page = ("<!doctype html><html><body><h1>Win a prize</h1>"
                    + "<form id=\"forged\" method=\"post\" action=\"" + target + "\">"
                    + "<input type=\"hidden\" name=\"username\" value=\"mallory\"></form>"
                    + "<script>document.getElementById('forged').submit()</script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        other.start();
        browser = HeadlessChromium.start(dir, "browser");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (other != null) {
            other.stop(0);
        }
        if (demo != null) {
            demo.close();
        }
    }

    private void startDemo(boolean guard) throws Exception {
        Map<String, String> settings = new HashMap<>(DemoStores.h2(dir));
        settings.put("SESSION_CROSS_ORIGIN_PROTECTION", Boolean.toString(guard));
        demo = new RunningDemo(SessionConfig.builder().putAll(settings).build());
    }

    /** The demo's URL under the host name {@code localhost}, the user's site. */
    private String app(String path) {
        return "http://localhost:" + demo.port() + path;
    }

    /** Opens the other origin's page that posts a form to {@code targetPath} of the demo, and waits for the answer. */
    private String forge(String otherHost, String targetPath) {
        browser.get("http://" + otherHost + ":" + other.getAddress().getPort() + "/forge?" + app(targetPath));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(app(targetPath)));
        return browser.findElement(By.tagName("body")).getText();
    }

    private String signIn() {
        browser.get(app("/login"));
        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys("ada-lovelace-1815");
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(app("/dashboard")));
        return sessionCookie();
    }

    private String sessionCookie() {
        Cookie cookie = browser.manage().getCookieNamed("session");
        return cookie == null ? null : cookie.getValue();
    }

    private void assertStillSignedIn(String cookie) {
        browser.get(app("/dashboard"));
        assertThat(browser.getCurrentUrl()).isEqualTo(app("/dashboard"));
        assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, ada.");
        assertThat(sessionCookie()).isEqualTo(cookie);
    }

    @Test
    void aCrossSiteFormPostDoesNotReplaceTheUsersCookieEvenWithoutTheGuard() throws Exception {
        startDemo(false);
        String cookie = signIn();
        String answer = forge("127.0.0.1", "/api/counter");
        screenshot("cross-site-post-without-guard");
        assertThat(answer).as("the request ran, without the user's cookie").contains("\"counter\":1");
        assertThat(sessionCookie()).as("no Set-Cookie came back").isEqualTo(cookie);
        assertStillSignedIn(cookie);
        assertThat(demo.manager().stats().crossSiteDrops()).isEqualTo(1);
    }

    @Test
    void theGuardRefusesCrossSiteAndSameSiteFormPostsWith403() throws Exception {
        startDemo(true);
        String cookie = signIn();
        String crossSite = forge("127.0.0.1", "/api/counter");
        screenshot("cross-site-post-refused");
        assertThat(crossSite).startsWith("403 Forbidden: cross-origin request refused: the browser says this POST request"
                + " comes from another origin (Sec-Fetch-Site: cross-site).");
        String sameSite = forge("localhost", "/logout");
        screenshot("same-site-post-refused");
        assertThat(sameSite).startsWith("403 Forbidden: cross-origin request refused: the browser says this POST request"
                + " comes from another origin (Sec-Fetch-Site: same-site).");
        assertStillSignedIn(cookie);
        browser.get(app("/api/counter"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"counter\":0");
    }

    @Test
    void withoutTheGuardASameSitePostCarriesTheCookieAndTheCsrfTokenStopsIt() throws Exception {
        startDemo(false);
        String cookie = signIn();
        String signOut = forge("localhost", "/logout");
        screenshot("same-site-post-without-token");
        assertThat(signOut).contains("This form did not come from this site's own page");
        String counter = forge("localhost", "/api/counter");
        assertThat(counter).as("same-site is not cross-site: the user's own session changed").contains("\"counter\":1");
        assertStillSignedIn(cookie);
        browser.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(app("/login")));
        browser.get(app("/dashboard"));
        assertThat(browser.getCurrentUrl()).as("the page's own form, with its token, signs out").isEqualTo(app("/login"));
    }

    private void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, "xsite-" + name);
    }
}
