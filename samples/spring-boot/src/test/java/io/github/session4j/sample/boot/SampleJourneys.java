package io.github.session4j.sample.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.testkit.SideDoor;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample used as a person uses it, once over plain HTTP and once in a headless Chromium, on
 * one store (a subclass per store): sign in (a new session ID; the old cookie no longer signs
 * anyone in), keep a note and fill a cart, see a 404 and a 403 page and stay signed in, restart the
 * app and find everything still there, sign out (the record is gone from the store). No response
 * ever carries a container session ({@code JSESSIONID}). One app per class, restarted in place.
 * The store is checked through its side door, with the app's own {@code SessionManager} naming the
 * store key of a session ID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleJourneys {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final AppLog log = new AppLog();
    private RunningSample app;
    private SideDoor store;
    private ChromeDriver browser;
    private Path screenshots;
    private int shot;

    /** The Spring profile that selects the store. */
    abstract String profile();

    /** Command-line arguments pointing that profile at this test's own store. */
    abstract Map<String, String> storeArguments();

    /** A side door into the same store. */
    abstract SideDoor openStore();

    @BeforeAll
    void startApp() throws IOException {
        screenshots = Path.of("target", "screenshots", profile());
        if (Files.isDirectory(screenshots)) {
            try (var old = Files.list(screenshots)) {
                for (Path file : (Iterable<Path>) old::iterator) {
                    Files.delete(file);
                }
            }
        }
        log.start();
        app = new RunningSample(profile(), storeArguments());
        store = openStore();
    }

    /** A request that failed inside the app, even where the visitor saw a fine answer, fails the journey. */
    @AfterEach
    void noErrorInTheAppLog() {
        assertThat(log.errors()).as("ERROR lines and stack traces in the app's log").isEmpty();
    }

    /** Closes the side door and drops what the test created, after the app has stopped. */
    abstract void closeStore();

    @AfterAll
    void stopApp() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            log.stop();
            closeStore();
        }
    }

    private String storeKey(String sessionId) {
        return app.bean(SessionManager.class).storeKey(sessionId);
    }

    @Test
    void overHttp() throws Exception {
        Visitor ada = new Visitor(app);
        HttpResponse<String> response = ada.get("/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Visitor.location(response)).isEqualTo("/login");

        assertThat(ada.get("/login").statusCode()).isEqualTo(200);
        String beforeSignIn = ada.cookie();
        assertThat(beforeSignIn).as("the login page's CSRF token lives in a session").isNotNull();

        response = ada.post("/login", "username", "ada", "password", "ada-lovelace-1815");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Visitor.location(response)).as("back to the saved request")
                .isEqualTo("/?continue");
        String signedIn = ada.cookie();
        assertThat(signedIn).isNotNull().isNotEqualTo(beforeSignIn);
        assertThat(store.exists(storeKey(signedIn))).isTrue();

        Visitor replay = new Visitor(app);
        replay.cookie(beforeSignIn);
        response = replay.get("/");
        assertThat(response.statusCode()).as("the cookie from before sign-in signs no one in").isEqualTo(302);
        assertThat(Visitor.location(response)).isEqualTo("/login");
        assertThat(replay.cookie()).isNotEqualTo(beforeSignIn);

        response = ada.get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Welcome, ada.");
        assertThat(ada.get("/note").statusCode()).isEqualTo(200);
        assertThat(ada.post("/note", "note", "tea at five").statusCode()).isEqualTo(302);
        assertThat(ada.get("/cart").statusCode()).isEqualTo(200);
        for (String item : new String[] {"Assam", "Sencha", "Assam"}) {
            response = ada.post("/cart", "item", item);
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(Visitor.location(response)).isEqualTo("/cart");
        }
        assertSignedInWithNoteAndCart(ada);

        response = ada.get("/no-such-page");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("404: no such page", "Signed in as ada");
        assertThat(ada.cookie()).isEqualTo(signedIn);
        response = ada.get("/admin");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("403: not for you", "Signed in as ada");
        assertThat(ada.cookie()).isEqualTo(signedIn);
        assertSignedInWithNoteAndCart(ada);

        app.restart();
        assertSignedInWithNoteAndCart(ada);
        assertThat(ada.cookie()).isEqualTo(signedIn);

        response = ada.post("/logout");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Visitor.location(response)).isEqualTo("/login?signed-out");
        assertThat(store.exists(storeKey(signedIn))).as("the signed-out session's record").isFalse();
        replay.cookie(signedIn);
        response = replay.get("/cart");
        assertThat(response.statusCode()).as("the signed-out cookie signs no one in").isEqualTo(302);
        assertThat(Visitor.location(response)).isEqualTo("/login");
    }

    private static void assertSignedInWithNoteAndCart(Visitor ada) throws Exception {
        HttpResponse<String> home = ada.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as ada", "<q id=\"note\">tea at five</q>",
                "<span id=\"cart-count\">3</span>");
        HttpResponse<String> cart = ada.get("/cart");
        assertThat(cart.statusCode()).isEqualTo(200);
        assertThat(cart.body().replaceAll("\\s+", ""))
                .contains("<trid=\"line-Assam\"><td>Assam</td><tdclass=\"quantity\">2</td>")
                .contains("<trid=\"line-Sencha\"><td>Sencha</td><tdclass=\"quantity\">1</td>");
    }

    @Test
    void inChromium(@TempDir Path dir) throws Exception {
        startBrowser(dir);
        try {
            browser.get(app.url("/cart"));
            assertThat(browser.getCurrentUrl()).isEqualTo(app.url("/login"));
            String beforeSignIn = sessionCookie();
            screenshot("sign-in");

            browser.findElement(By.id("username")).sendKeys("grace");
            browser.findElement(By.id("password")).sendKeys("grace-hopper-1906");
            browser.findElement(By.id("sign-in")).click();
            waitFor("/cart?continue");
            String signedIn = sessionCookie();
            assertThat(signedIn).isNotEqualTo(beforeSignIn);
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Signed in as grace");
            assertThat(browser.findElement(By.id("cart-empty")).getText()).isEqualTo("The cart is empty.");

            browser.findElement(By.id("add-Rooibos")).click();
            waitForText("#line-Rooibos .quantity", "1");
            browser.findElement(By.id("add-Darjeeling")).click();
            waitForText("#line-Darjeeling .quantity", "1");
            browser.findElement(By.id("add-Rooibos")).click();
            waitForText("#line-Rooibos .quantity", "2");
            assertCart();
            screenshot("cart");

            browser.findElement(By.id("to-note")).click();
            browser.findElement(By.id("note-input")).sendKeys("second flush, please");
            browser.findElement(By.id("save-note")).click();
            waitForText("#note", "second flush, please");
            screenshot("note");

            browser.get(app.url("/no-such-page"));
            assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("404: no such page");
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Signed in as grace");
            screenshot("404");
            browser.get(app.url("/admin"));
            assertThat(browser.findElement(By.id("admin")).getText()).isEqualTo("Admin");
            assertThat(sessionCookie()).isEqualTo(signedIn);

            app.restart();
            browser.get(app.url("/cart"));
            assertCart();
            browser.findElement(By.id("to-note")).click();
            assertThat(browser.findElement(By.id("note")).getText()).isEqualTo("second flush, please");
            assertThat(sessionCookie()).isEqualTo(signedIn);
            screenshot("after-restart");

            browser.findElement(By.id("sign-out")).click();
            waitFor("/login?signed-out");
            assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("You are signed out.");
            assertThat(store.exists(storeKey(signedIn))).as("the signed-out session's record").isFalse();
            screenshot("signed-out");
            browser.get(app.url("/cart"));
            assertThat(browser.getCurrentUrl()).isEqualTo(app.url("/login"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aForbiddenPageInChromiumKeepsTheUserSignedIn(@TempDir Path dir) throws Exception {
        startBrowser(dir);
        try {
            browser.get(app.url("/login"));
            browser.findElement(By.id("username")).sendKeys("ada");
            browser.findElement(By.id("password")).sendKeys("ada-lovelace-1815");
            browser.findElement(By.id("sign-in")).click();
            waitFor("/");
            String signedIn = sessionCookie();
            browser.findElement(By.id("to-admin")).click();
            assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("403: not for you");
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Signed in as ada");
            screenshot("403");
            browser.get(app.url("/"));
            assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, ada.");
            assertThat(sessionCookie()).isEqualTo(signedIn);
        } finally {
            browser.quit();
        }
    }

    private void assertCart() {
        assertThat(browser.findElement(By.cssSelector("#line-Rooibos .quantity")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("#line-Darjeeling .quantity")).getText()).isEqualTo("1");
    }

    private void waitForText(String css, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    private void waitFor(String path) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(app.url(path)));
    }

    /** The session cookie's value, after checking that the browser holds no container session and the page names none. */
    private String sessionCookie() {
        for (Cookie cookie : browser.manage().getCookies()) {
            assertThat(cookie.getName()).as("a cookie in the browser").isNotEqualToIgnoringCase("JSESSIONID");
        }
        assertThat(browser.getCurrentUrl()).doesNotContainIgnoringCase("jsessionid");
        assertThat(browser.getPageSource()).doesNotContainIgnoringCase("jsessionid");
        Cookie session = browser.manage().getCookieNamed(Visitor.COOKIE);
        assertThat(session).as("the session cookie").isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        return session.getValue();
    }

    private void startBrowser(Path dir) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium or its driver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): bash scripts/services/chromium.sh installs both");
        }
        Files.createDirectories(screenshots);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1024,768", "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")));
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    private void screenshot(String name) throws IOException {
        File file = browser.getScreenshotAs(OutputType.FILE);
        shot++;
        Files.copy(file.toPath(), screenshots.resolve(String.format("%02d-%s.png", shot, name)),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** A key prefix of this test's own, so that it reads and deletes only its own records. */
    static String ownPrefix() {
        return "sample-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }
}
