package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium with both paths given, so Selenium never looks for or downloads a driver):
 * sign in, see the dashboard, read the session variable on {@code /session}, restart the app and
 * still be signed in (the session lives in the store, not in the process), sign out and be sent
 * to sign-in. Screenshots of each step go to {@code demo/target/screenshots/}.
 */
class BrowserJourneyTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    private RunningDemo demo;
    private ChromeDriver browser;
    private int step;

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium or its driver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): bash scripts/services/chromium.sh installs both");
        }
        demo = new RunningDemo(SessionConfig.builder().putAll(DemoStores.h2(dir)).build());
        Files.createDirectories(SCREENSHOTS);
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

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void signInSeeTheVariableSurviveARestartSignOut() throws Exception {
        browser.get(demo.url("/session"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        screenshot("sign-in-page");

        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys("ada-lovelace-1815");
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/dashboard$"));
        assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, ada.");
        screenshot("dashboard");

        browser.findElement(By.id("to-session")).click();
        assertThat(browser.findElement(By.id("redis-test")).getText()).isEqualTo("This is a session variable.");
        screenshot("session-variable");

        demo.restart();
        browser.navigate().refresh();
        assertThat(browser.getCurrentUrl()).endsWith("/session");
        assertThat(browser.findElement(By.id("redis-test")).getText()).isEqualTo("This is a session variable.");
        screenshot("after-restart");

        browser.get(demo.url("/inspect"));
        assertThat(browser.findElement(By.id("backend")).getText()).isEqualTo(demo.manager().backendName());
        String sessionId = browser.manage().getCookieNamed("session").getValue();
        assertThat(browser.findElement(By.id("store-key")).getText()).isEqualTo(demo.manager().storeKey(sessionId));
        assertThat(browser.getPageSource()).doesNotContain(sessionId);
        screenshot("inspect");

        browser.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/login$"));
        browser.get(demo.url("/session"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        screenshot("signed-out");
    }

    private void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        step++;
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%02d-%s.png", step, name)),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
