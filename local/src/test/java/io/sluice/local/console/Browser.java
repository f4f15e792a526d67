package io.sluice.local.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the console's tests: Debian's {@code chromium} driven through its own
 * {@code chromedriver} by Selenium (no browser download, which cannot work here), started with a fresh profile and
 * no background networking. {@code .ci/run} installs both packages; where they are missing, {@link #available()} says
 * so and the tests skip with a loud message. Paths: {@code SLUICE_CHROMIUM}, {@code SLUICE_CHROMEDRIVER}, else
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}.
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Path chromium() {
        return Path.of(System.getenv().getOrDefault("SLUICE_CHROMIUM", "/usr/bin/chromium"));
    }

    static Path chromedriver() {
        return Path.of(System.getenv().getOrDefault("SLUICE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    /** Whether both executables are there; when not, the reason, for the skip message. */
    static String unavailableBecause() {
        if (!Files.isExecutable(chromium())) {
            return chromium() + " is missing (install Debian's chromium, as .ci/run does, or set SLUICE_CHROMIUM)";
        }
        if (!Files.isExecutable(chromedriver())) {
            return chromedriver() + " is missing (install Debian's chromium-driver, or set SLUICE_CHROMEDRIVER)";
        }
        return null;
    }

    static Browser start() {
        try {
            Path profile = Files.createTempDirectory("sluice-console-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium().toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=1366,1000",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver().toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the page looks like now as {@code target/console-screenshots/<name>.png}, for a reviewer. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
