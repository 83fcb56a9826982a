package org.casw.gateway.console;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.webjars.WebJarVersionLocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A person at the console: Debian's headless chromium driven through Debian's chromium-driver (both installed by
 * .ci/run where missing), in English or Chinese as the browser's language, on loopback only. Nothing is downloaded:
 * the driver is named, so Selenium Manager never runs, and Chromium's own background connections are off.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the journeys leave their screenshots (the README shows a few, copied to docs/images). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** axe-core from its WebJar (a test dependency), whichever version the pom names. */
    static final String AXE = "/" + new WebJarVersionLocator().fullPath("axe-core", "axe.min.js");

    private final WebDriver driver;
    private final String base;

    private ConsoleBrowser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A browser whose language is {@code language} (en or zh-CN), on the gateway at {@code port}; skipped without chromium. */
    static ConsoleBrowser open(int port, String language) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return new ConsoleBrowser(driver, "http://127.0.0.1:" + port);
    }

    ConsoleBrowser go(String path) {
        driver.get(base + path);
        return this;
    }

    ConsoleBrowser logIn(String name, String secret) {
        go("/console/login");
        type("username", name);
        type("password", secret);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        return this;
    }

    ConsoleBrowser type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Chooses a file for a file input, as a person picking it would. */
    ConsoleBrowser choose(String id, Path file) {
        driver.findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
        return this;
    }

    ConsoleBrowser click(By by) {
        waitFor(by).click();
        return this;
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by));
    }

    /** Waits until the element holds the text (the console refreshes some parts by itself). */
    ConsoleBrowser waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return this;
    }

    String text(By by) {
        return waitFor(by).getText();
    }

    String heading() {
        return text(By.tagName("h1"));
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the page looks like now as target/screenshots/NAME.png. */
    ConsoleBrowser screenshot(String name) {
        // the whole page, not just the window: as tall as its content (at most 2,400 px), as wide as a laptop's screen
        long height = (Long) ((ChromeDriver) driver).executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height, 900), 2400)));
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(SCREENSHOTS.resolve(name + ".png")).isNotEmptyFile();
        return this;
    }

    /**
     * The WCAG 2 A and AA rules that axe-core (Deque's accessibility engine, from its WebJar; not ours) finds broken on
     * the page as it stands: labels, contrast, landmarks, names of buttons and links, language.
     */
    List<String> accessibilityViolations() {
        String axe;
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream(AXE)) {
            assertThat(in).as(AXE).isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeScript(axe);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) chrome.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})
                   .then(r => done({passes: r.passes.length, violations: r.violations.map(v => v.id + ' (' + v.impact + '): '
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))}))
                   .catch(e => done({passes: 0, violations: ['axe failed: ' + e]}));""");
        // a run that checked nothing proves nothing
        assertThat(((Number) found.get("passes")).intValue()).as("rules axe-core found kept on " + path()).isGreaterThan(5);
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) found.get("violations");
        return violations;
    }

    /** Whether the page fits the window's width, with nothing to scroll sideways but what scrolls on purpose (tables). */
    boolean fitsWidth() {
        return (Boolean) ((ChromeDriver) driver).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth");
    }

    ConsoleBrowser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
