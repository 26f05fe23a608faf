package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.app.VigilApp;
import dev.vigil.broker.LocalKafkaBroker;
import dev.vigil.model.score.AutoencoderScorer;
import dev.vigil.model.score.ModelArtifacts;
import dev.vigil.testing.TelemetryJson;
import dev.vigil.topology.Topics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): it
 * loads, lists the devices, and an anomaly produced during the test appears in the feed and on the chart.
 * Without a browser the test is skipped, unless VIGIL_REQUIRE_BROWSER=true (as in CI), where it fails.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int DEVICES = 5;
    private static final int READINGS = 40;

    @TempDir
    static Path dir;
    private static LocalKafkaBroker broker;
    private static AutoencoderScorer scorer;
    private static VigilApp app;
    /** A second application on the same telemetry that keeps no score history (history.retention.ms=0). */
    private static VigilApp noHistory;
    private static int noHistoryPort;
    private static WebDriver browser;
    private static int port;
    private static Instant t0;

    @BeforeAll
    static void start() throws Exception {
        final boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("VIGIL_REQUIRE_BROWSER"))) {
            throw new AssertionError("VIGIL_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        Assumptions.assumeTrue(present, "no Chromium here: apt-get install chromium chromium-driver");
        broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 0).start();
        scorer = ModelArtifacts.loadDefault();
        port = LocalKafkaBroker.freePort();
        app = AppCluster.start(broker, scorer, dir, "dash", port, Map.of());
        AppCluster.awaitRunning(app);
        noHistoryPort = LocalKafkaBroker.freePort();
        noHistory = AppCluster.start(broker, scorer, dir, "dash-no-history", noHistoryPort, Map.of(
                dev.vigil.config.VigilConfig.APPLICATION_ID, "vigil-no-history",
                dev.vigil.config.VigilConfig.HISTORY_RETENTION_MS, "0"));
        AppCluster.awaitRunning(noHistory);
        t0 = Instant.now().minusSeconds(READINGS + 5).truncatedTo(ChronoUnit.SECONDS);
        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY,
                TelemetryJson.fleet("probe", DEVICES, READINGS, t0, 22, 0.2, 5, (d, i) -> null));

        final ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,900", "--user-data-dir=" + dir.resolve("chrome"));
        final org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        AppCluster.closeAll(java.util.stream.Stream.of(app, noHistory).filter(java.util.Objects::nonNull).toList(),
                scorer, broker);
    }

    @Test
    @DisplayName("the page loads, shows the devices, and a new anomaly appears in the feed and on the chart")
    void liveDashboard() throws Exception {
        try {
            checkDashboard();
        } catch (final org.openqa.selenium.TimeoutException e) {
            final StringBuilder console = new StringBuilder();
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
            throw new AssertionError("dashboard wait failed; feed-state='"
                    + browser.findElement(By.id("feed-state")).getText() + "', chart=" + chart(browser, "device") + "/"
                    + chart(browser, "points") + "/" + chart(browser, "anomalies") + "; browser console:\n" + console, e);
        }
    }

    @Test
    @DisplayName("a deployment without a score history: the page lists the devices and says why a device has no chart")
    void noHistoryMessage() {
        browser.get("http://127.0.0.1:" + noHistoryPort + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(b -> b.findElements(By.cssSelector("#devices tr[data-device]")).size() == DEVICES);
        browser.findElement(By.cssSelector("#devices tr[data-device='probe-3']")).click();
        wait.until(b -> b.findElement(By.id("served-by")).getText().contains("history.retention.ms=0"));
        assertTrue(browser.findElement(By.id("served-by")).getText().contains("keeps no score history"),
                browser.findElement(By.id("served-by")).getText());
        assertEquals("0", java.util.Objects.requireNonNullElse(chart(browser, "points"), "0"), "no chart drawn");
    }

    private void checkDashboard() throws Exception {
        browser.get("http://127.0.0.1:" + port + "/");
        final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        // the dashboard re-renders its table on every refresh: an element found a moment ago may be gone; try again
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(b -> b.findElements(By.cssSelector("#devices tr[data-device]")).size() == DEVICES);
        assertEquals("Vigil · live anomalies", browser.getTitle());

        browser.findElement(By.cssSelector("#devices tr[data-device='probe-2']")).click();
        wait.until(b -> "probe-2".equals(chart(b, "device")) && Integer.parseInt(chart(b, "points")) > 0);
        assertEquals("0", chart(browser, "anomalies"));
        wait.until(b -> b.findElement(By.id("feed-state")).getText().equalsIgnoreCase("live"));

        KafkaTestSupport.produce(broker.bootstrapServers(), Topics.TELEMETRY, List.<String[]>of(new String[] {"probe-2",
                TelemetryJson.nested("probe-2", t0.plusSeconds(READINGS), "temperature", 41.0)}));
        wait.until(b -> !b.findElements(By.cssSelector("#feed li[data-device='probe-2']")).isEmpty());
        wait.until(b -> Integer.parseInt(chart(b, "anomalies")) == 1);
        final String feedText = browser.findElement(By.cssSelector("#feed li[data-device='probe-2']")).getText();
        assertTrue(feedText.contains("41.000"), feedText);
        wait.until(b -> b.findElement(By.cssSelector("#devices tr[data-device='probe-2']")).getAttribute("class")
                .contains("has-anomaly"));

        final File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String chart(final WebDriver b, final String field) {
        return b.findElement(By.id("chart-box")).getAttribute("data-" + field);
    }
}
