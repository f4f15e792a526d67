package io.sluice.local.console;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.console.ConsoleOptions;
import io.sluice.console.ConsoleServer;
import io.sluice.job.Priority;
import io.sluice.local.LocalHarness;
import io.sluice.local.LocalOperations;
import io.sluice.local.cli.SluiceLocal;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.local.testjobs.UpstreamJob;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import io.sluice.store.JobState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The console end to end in a real Chromium against a whole sluice-local: jobs really run, fail, are dead-lettered,
 * retried from the page and succeed; pause really stops a type's pollers. Each page is saved as a screenshot under
 * {@code target/console-screenshots/}. Without Chromium the class is skipped, loudly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private LocalHarness harness;
    private OperationsClients clients;
    private SluiceOperations ops;
    private ConsoleServer console;
    private ConsoleServer readOnly;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        String missing = Browser.unavailableBecause();
        if (missing != null) {
            System.err.println("\n*** SKIPPED: the console's browser tests did not run: " + missing + " ***\n");
            Assumptions.abort("browser tests skipped: " + missing);
        }
        harness = LocalHarness.start(List.of("upstream", "flaky", "noop"), Map.of());
        clients = LocalOperations.clients(harness.runtime);
        ops = LocalOperations.of(harness.runtime, clients);
        console = ConsoleServer.start(ops, ConsoleOptions.DEFAULT);
        readOnly = ConsoleServer.start(ops, ConsoleOptions.DEFAULT.withReadOnly(true));
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
            readOnly.close();
        }
        if (clients != null) {
            clients.close();
            harness.close();
        }
    }

    /**
     * Clicks a button that submits a form and waits until the browser has left the page, so what is read next is
     * the answer's page, not the one being replaced (a liveness wait, bounded; no timing is asserted).
     */
    private static void submit(WebDriver driver, String buttonId) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.id(buttonId)).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    private WebDriver open(ConsoleServer server, String path) {
        WebDriver driver = browser.driver();
        driver.get(server.uri().resolve(path).toString());
        return driver;
    }

    @Test
    void theOverviewListsEveryTypeWithItsQueuesAndCharts() {
        WebDriver driver = open(console, "/");

        for (String type : ops.types()) {
            List<WebElement> rows = driver.findElements(By.cssSelector("table.queues tr[data-type='" + type + "']"));
            assertEquals(ops.status(type).queues().size(), rows.size(), type + "'s priorities are each one row");
            assertTrue(
                    driver.findElements(By.cssSelector("article.card[data-type='" + type + "'] .chart canvas"))
                                    .size()
                            > 0,
                    "uPlot drew " + type + "'s chart");
        }
        browser.screenshot("overview");
    }

    @Test
    void aFailingJobIsShownWithItsReasonAndRetryFromTheDeadLettersPageMakesItSucceed() {
        String jobId = "console-" + UUID.randomUUID();
        String order = "o-" + UUID.randomUUID();
        harness.awaitFinished(
                List.of(harness.send(
                        "upstream", Priority.HIGH, envelope("upstream", jobId, Priority.HIGH, Map.of("order", order)))),
                Duration.ofSeconds(30));

        WebDriver driver = open(console, "/dlq/upstream");
        WebElement row = driver.findElement(By.cssSelector("tr[data-job='" + jobId + "']"));
        assertTrue(row.getText().contains("permanent-failure"), row.getText());
        browser.screenshot("dead-letters");

        UpstreamJob.fix(order);
        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        submit(driver, "retry-selected");
        assertTrue(driver.findElement(By.tagName("h1")).getText().startsWith("Retry dead letters of upstream"));
        browser.screenshot("confirm");
        submit(driver, "confirm");

        String result = driver.findElement(By.cssSelector("ul.result")).getText();
        assertTrue(result.contains("Moved back: 1"), result);
        LocalHarness.await(
                () -> ops.job(jobId).history().state() == JobState.SUCCEEDED,
                Duration.ofSeconds(30),
                () -> "job " + jobId + " is " + ops.job(jobId).location());

        driver = open(console, "/jobs/" + jobId);
        assertEquals(
                "done",
                driver.findElement(By.cssSelector("[data-field=location]")).getText());
        List<String> outcomes = driver.findElements(By.cssSelector("ol.timeline li")).stream()
                .map(li -> li.getAttribute("data-outcome"))
                .toList();
        assertEquals(List.of("dead-lettered", "succeeded"), outcomes.subList(outcomes.size() - 2, outcomes.size()));
        browser.screenshot("job");

        driver = open(console, "/dlq/upstream");
        assertTrue(driver.findElements(By.cssSelector("tr[data-job='" + jobId + "']"))
                .isEmpty());
    }

    @Test
    void pauseFromTheTypePageStopsDeliveriesAndResumeRestartsThem() {
        EventSourceMappingEmulator mapping = harness.runtime.mappings().stream()
                .filter(m -> m.queue().name().equals("sluice-flaky-normal"))
                .findFirst()
                .orElseThrow();
        WebDriver driver = open(console, "/types/flaky");
        submit(driver, "pause-type");

        assertTrue(driver.findElement(By.cssSelector("p.notice")).getText().startsWith("Paused flaky"));
        assertEquals(
                "paused",
                driver.findElement(By.cssSelector("tr[data-priority=normal] [data-field=consumption]"))
                        .getText());
        browser.screenshot("type-paused");
        LocalHarness.await(
                () -> mapping.parkedPollers() == mapping.pollers(),
                Duration.ofSeconds(10),
                () -> mapping.parkedPollers() + " of " + mapping.pollers() + " pollers parked");
        long delivered = mapping.delivered();
        String jobId = "paused-" + UUID.randomUUID();
        harness.send("flaky", Priority.NORMAL, envelope("flaky", jobId, Priority.NORMAL, Map.of("failures", 0)));
        assertEquals(1, ops.status("flaky").queues().get(0).visible(), "the job waits in its queue");
        assertEquals(delivered, mapping.delivered(), "nothing was handed to the function while paused");

        submit(driver, "resume-type");

        assertTrue(driver.findElement(By.cssSelector("p.notice")).getText().startsWith("Resumed flaky"));
        LocalHarness.await(
                () -> ops.job(jobId).history() != null
                        && ops.job(jobId).history().state() == JobState.SUCCEEDED,
                Duration.ofSeconds(30),
                () -> "job " + jobId + " after resume");
    }

    @Test
    void theOverviewShowsWhatTheCliStatusPrintsForTheSameState() throws Exception {
        harness.awaitFinished(
                List.of(harness.send(
                        "upstream",
                        Priority.NORMAL,
                        envelope(
                                "upstream",
                                "cli-" + UUID.randomUUID(),
                                Priority.NORMAL,
                                Map.of("order", "o-" + UUID.randomUUID())))),
                Duration.ofSeconds(30));
        WebDriver driver = open(console, "/");
        int compared = 0;
        // One `status TYPE --json` per type this sluice-local runs (the CLI's catalogue holds more types than it).
        for (String typeName : ops.types()) {
            JsonNode type = cliStatus(typeName).get("types").get(0);
            for (JsonNode queue : type.get("queues")) {
                String priority = queue.get("priority").asText().toLowerCase(java.util.Locale.ROOT);
                WebElement row = driver.findElement(By.cssSelector(
                        "table.queues tr[data-type='" + typeName + "'][data-priority='" + priority + "']"));
                assertEquals(
                        queue.get("deadLettered").asText(),
                        row.findElement(By.cssSelector("[data-field=deadLettered]"))
                                .getText(),
                        typeName + " " + priority);
                assertEquals(
                        queue.get("paused").asBoolean() ? "paused" : "running",
                        row.findElement(By.cssSelector("[data-field=consumption]"))
                                .getText());
                compared++;
            }
        }
        assertEquals(
                driver.findElements(By.cssSelector("table.queues tbody tr")).size(), compared);
        assertTrue(
                driver.findElement(By.cssSelector("tr[data-type=upstream][data-priority=normal]"))
                        .getAttribute("class")
                        .contains("alert"),
                "a dead-letter queue that is not empty is highlighted");
    }

    /** What {@code sluice-local status TYPE --json} prints against this sluice-local. */
    private JsonNode cliStatus(String type) throws Exception {
        StringWriter printed = new StringWriter();
        StringWriter errors = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(printed));
        cli.setErr(new PrintWriter(errors));
        int code = cli.execute(
                "status",
                type,
                "--json",
                "--sqs-endpoint",
                harness.runtime.sqsEndpoint().toString(),
                "--dynamodb-endpoint",
                harness.runtime.dynamoDbEndpoint().toString(),
                "--scheduler-endpoint",
                harness.runtime.scheduler().endpoint().toString(),
                "--lambda-endpoint",
                harness.runtime.lambdaEndpoint().toString());
        assertEquals(0, code, errors.toString());
        return new ObjectMapper().readTree(printed.toString());
    }

    @Test
    void theSchedulesPageListsTheCatalogueSchedulesWithTheirNextFiring() {
        WebDriver driver = open(console, "/schedules");

        assertEquals("Schedules", driver.findElement(By.tagName("h1")).getText());
        browser.screenshot("schedules");
    }

    @Test
    void readOnlyModeShowsEveryPageWithoutASingleAction() {
        for (String path : List.of("/", "/types/upstream", "/types/flaky", "/dlq/upstream", "/schedules")) {
            WebDriver driver = open(readOnly, path);

            assertTrue(
                    driver.findElements(By.cssSelector("form[method=post]")).isEmpty(),
                    path + " offers no action in read-only mode");
            assertTrue(driver.getPageSource().contains("Read-only console"), path);
        }
        browser.screenshot("read-only-overview");
    }
}
