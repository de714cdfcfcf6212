package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
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

    @TempDir
    Path dir;

    private RunningDemo demo;
    private ChromeDriver browser;
    private int step;

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.requireInstalled();
        demo = new RunningDemo(SessionConfig.builder().putAll(DemoStores.h2(dir)).build());
        browser = HeadlessChromium.start(dir, "browser");
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
        step++;
        HeadlessChromium.screenshot(browser, String.format("%02d-%s", step, name));
    }
}
