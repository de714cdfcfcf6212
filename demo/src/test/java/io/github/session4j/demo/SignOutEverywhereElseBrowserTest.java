package io.github.session4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Sign out everywhere else" in two real headless Chromium browsers (two profiles, so two
 * sessions), both signed in as ada: the first opens {@code /sessions}, sees both devices with
 * its own marked, and presses the button; the second browser's next page is the sign-in page.
 * Debian's {@code chromium} and {@code chromium-driver} as in {@link BrowserJourneyTest};
 * screenshots go to {@code demo/target/screenshots/}.
 */
class SignOutEverywhereElseBrowserTest {

    @TempDir
    Path dir;

    private RunningDemo demo;
    private final List<ChromeDriver> browsers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        HeadlessChromium.requireInstalled();
        demo = new RunningDemo(SessionConfig.builder().put("SESSION_TYPE", "memory").build());
    }

    private ChromeDriver browser(String name) throws IOException {
        ChromeDriver browser = HeadlessChromium.start(dir, name);
        browsers.add(browser);
        return browser;
    }

    @AfterEach
    void stop() {
        browsers.forEach(ChromeDriver::quit);
        if (demo != null) {
            demo.close();
        }
    }

    private void signIn(ChromeDriver browser) {
        browser.get(demo.url("/login"));
        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys("ada-lovelace-1815");
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/dashboard$"));
        assertThat(browser.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, ada.");
    }

    @Test
    void signingOutEverywhereElseSignsTheOtherBrowserOutAtOnce() throws Exception {
        ChromeDriver laptop = browser("laptop");
        ChromeDriver phone = browser("phone");
        signIn(laptop);
        signIn(phone);

        laptop.findElement(By.id("to-sessions")).click();
        new WebDriverWait(laptop, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/sessions$"));
        assertThat(laptop.findElements(By.cssSelector("tr.session"))).hasSize(2);
        assertThat(laptop.findElement(By.id("this-device")).getText()).contains("Chrome on Linux").contains("this device");
        String id = laptop.manage().getCookieNamed("session").getValue();
        assertThat(laptop.getPageSource()).doesNotContain(id);
        screenshot(laptop, "01-sessions-two-devices");

        laptop.findElement(By.id("sign-out-others")).click();
        new WebDriverWait(laptop, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/sessions?ended=1"));
        assertThat(laptop.findElement(By.id("ended")).getText()).isEqualTo("Signed out 1 other session.");
        assertThat(laptop.findElements(By.cssSelector("tr.session"))).hasSize(1);
        screenshot(laptop, "02-signed-out-everywhere-else");

        phone.navigate().refresh();
        new WebDriverWait(phone, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/login$"));
        screenshot(phone, "03-other-browser-signed-out");
        laptop.get(demo.url("/dashboard"));
        assertThat(laptop.findElement(By.id("welcome")).getText()).isEqualTo("Welcome, ada.");
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        HeadlessChromium.screenshot(browser, "sessions-" + name);
    }
}
