package io.github.session4j.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code chromium} driven by its {@code chromium-driver}, both paths given, so
 * that Selenium never looks for or downloads a driver; one profile directory per browser, so two
 * browsers are two separate users' devices. Screenshots go to {@code demo/target/screenshots/}.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private HeadlessChromium() {
    }

    /** Fails, saying how to install them, when Chromium or its driver is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium or its driver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): bash scripts/services/chromium.sh installs both");
        }
    }

    /**
     * Starts a browser with a profile and a driver log of its own under {@code dir}.
     *
     * @param dir the test's temporary directory
     * @param name the browser's name, unique within the test
     * @return the browser, which the caller quits
     */
    static ChromeDriver start(Path dir, String name) throws IOException {
        requireInstalled();
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver-" + name + ".log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1024,768", "--user-data-dir=" + Files.createDirectory(dir.resolve("profile-" + name)));
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /** Saves what the browser shows as {@code target/screenshots/<file>.png}. */
    static void screenshot(ChromeDriver browser, String file) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(file + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
