package io.sluice.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import io.sluice.testing.StdoutCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The EMF documents written for a batch, captured from stdout and checked against the embedded metric format
 * specification by {@link EmfDocumentValidator}.
 */
class BatchMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant BATCH_START = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Clock CLOCK = Clock.fixed(BATCH_START, ZoneOffset.UTC);

    @Test
    void shouldWriteExactlyOneValidEmfDocument_forARealisticBatchRecordedByConcurrentLanes() throws Exception {
        JobTypeMetrics tweet = JobTypeMetrics.forJobType("tweet", CLOCK);
        BatchMetrics batch = tweet.startBatch(Priority.HIGH);

        List<String> lines = capture(() -> {
            runConcurrently(List.of(
                    () -> succeeded(batch, 120, 40),
                    () -> succeeded(batch, 80, 35),
                    () -> succeeded(batch, 95, 50),
                    () -> succeeded(batch, 110, 41),
                    () -> succeeded(batch, 70, 38),
                    () -> {
                        batch.failedAttempt();
                        batch.retried();
                        batch.duration(Duration.ofMillis(30_000));
                        batch.queueLatency(Duration.ofMillis(60));
                    },
                    () -> {
                        batch.failedAttempt();
                        batch.deadLettered(DeadLetterReason.MAX_ATTEMPTS);
                        batch.duration(Duration.ofMillis(250));
                        batch.queueLatency(Duration.ofMillis(55));
                    },
                    () -> batch.deadLettered(DeadLetterReason.INVALID_PAYLOAD),
                    () -> batch.deferred(),
                    () -> batch.duplicateSkipped()));
            batch.flush();
        });

        assertEquals(1, lines.size(), "one batch, one flush, one document: " + lines);
        JsonNode doc = valid(lines.get(0));
        JsonNode directive = doc.at("/_aws/CloudWatchMetrics/0");
        assertAll(
                () -> assertEquals(
                        BATCH_START.toEpochMilli(), doc.at("/_aws/Timestamp").asLong(), "stamped with the batch start"),
                () -> assertEquals(1, doc.at("/_aws/CloudWatchMetrics").size()),
                () -> assertEquals("Sluice", directive.get("Namespace").asText()),
                () -> assertEquals(
                        "[[\"JobType\"],[\"JobType\",\"Priority\"]]",
                        directive.get("Dimensions").toString()),
                () -> assertEquals("tweet", doc.get("JobType").asText()),
                () -> assertEquals("high", doc.get("Priority").asText()),
                () -> assertEquals(
                        Map.ofEntries(
                                Map.entry("Succeeded", "Count"),
                                Map.entry("FailedAttempts", "Count"),
                                Map.entry("Retried", "Count"),
                                Map.entry("DeadLettered", "Count"),
                                Map.entry("Deferred", "Count"),
                                Map.entry("DuplicateSkipped", "Count"),
                                Map.entry("Duration", "Milliseconds"),
                                Map.entry("QueueLatency", "Milliseconds"),
                                Map.entry("ColdStart", "Count"),
                                Map.entry("TweetsPosted", "Count"),
                                Map.entry("TwitterApiCall", "Milliseconds")),
                        units(directive)),
                () -> assertEquals(5.0, doc.get("Succeeded").asDouble()),
                () -> assertEquals(2.0, doc.get("FailedAttempts").asDouble()),
                () -> assertEquals(1.0, doc.get("Retried").asDouble()),
                () -> assertEquals(2.0, doc.get("DeadLettered").asDouble()),
                () -> assertEquals(1.0, doc.get("Deferred").asDouble()),
                () -> assertEquals(1.0, doc.get("DuplicateSkipped").asDouble()),
                () -> assertEquals(1.0, doc.get("ColdStart").asDouble()),
                () -> assertEquals(Set.of(120.0, 80.0, 95.0, 110.0, 70.0, 30_000.0, 250.0), values(doc, "Duration")),
                () -> assertEquals(7, doc.get("Duration").size(), "one value per attempt"),
                () -> assertEquals(7, doc.get("QueueLatency").size(), "one value per started job"),
                () -> assertEquals(5.0, doc.get("TweetsPosted").asDouble(), "handler counts are summed"),
                () -> assertEquals(5, doc.get("TwitterApiCall").size(), "handler timings keep each value"),
                () -> assertEquals(
                        "{\"invalid-payload\":1,\"max-attempts\":1}",
                        doc.get("DeadLetterReasons").toString()));
    }

    @Test
    void shouldRecordColdStartOnlyInTheFirstDocument_andNotCarryPriorityOrReasonsIntoTheNextBatch() {
        JobTypeMetrics tweet = JobTypeMetrics.forJobType("tweet", CLOCK);

        List<String> lines = capture(() -> {
            BatchMetrics first = tweet.startBatch(Priority.HIGH);
            first.deadLettered(DeadLetterReason.UNKNOWN_TYPE);
            first.flush();
            BatchMetrics second = tweet.startBatch(Priority.LOW);
            second.succeeded();
            second.flush();
        });

        assertEquals(2, lines.size(), "one document per batch: " + lines);
        JsonNode first = valid(lines.get(0));
        JsonNode second = valid(lines.get(1));
        assertAll(
                () -> assertEquals(1.0, first.get("ColdStart").asDouble()),
                () -> assertNull(second.get("ColdStart"), "cold start only once per execution environment"),
                () -> assertFalse(units(second.at("/_aws/CloudWatchMetrics/0")).containsKey("ColdStart")),
                () -> assertEquals("low", second.get("Priority").asText()),
                () -> assertEquals(
                        "[[\"JobType\"],[\"JobType\",\"Priority\"]]",
                        second.at("/_aws/CloudWatchMetrics/0/Dimensions").toString(),
                        "dimension sets are not accumulated"),
                () -> assertNull(second.get("DeadLetterReasons"), "metadata belongs to its own batch"),
                () -> assertEquals(
                        0.0, second.get("DeadLettered").asDouble(), "outcome counts are written even when zero"));
    }

    @Test
    void shouldWriteNothing_forAnEmptyBatch_andGiveColdStartToTheFirstDocumentWritten() {
        JobTypeMetrics tweet = JobTypeMetrics.forJobType("tweet", CLOCK);

        List<String> empty = capture(() -> tweet.startBatch(Priority.NORMAL).flush());
        List<String> next = capture(() -> {
            BatchMetrics batch = tweet.startBatch(Priority.NORMAL);
            batch.succeeded();
            batch.flush();
            batch.flush();
        });

        assertEquals(List.of(), empty);
        assertEquals(1, next.size(), "a second flush of a batch writes nothing: " + next);
        assertEquals(1.0, valid(next.get(0)).get("ColdStart").asDouble());
    }

    @Test
    void shouldKeepDimensionsApart_forTwoJobTypesInOneJvm() throws Exception {
        JobTypeMetrics tweet = JobTypeMetrics.forJobType("tweet", CLOCK);
        JobTypeMetrics email = JobTypeMetrics.forJobType("email", CLOCK);
        BatchMetrics tweets = tweet.startBatch(Priority.HIGH);
        BatchMetrics emails = email.startBatch(Priority.LOW);

        List<String> lines = capture(() -> {
            runConcurrently(List.of(
                    () -> tweets.succeeded(),
                    () -> emails.failedAttempt(),
                    () -> tweets.jobMetrics().count("TweetsPosted", 1),
                    () -> emails.retried(),
                    () -> emails.jobMetrics().count("EmailsSent", 3)));
            emails.flush();
            tweets.flush();
        });

        assertEquals(2, lines.size(), "one document per job type: " + lines);
        Map<String, JsonNode> byType = new HashMap<>();
        for (String line : lines) {
            JsonNode doc = valid(line);
            byType.put(doc.get("JobType").asText(), doc);
        }
        JsonNode t = byType.get("tweet");
        JsonNode e = byType.get("email");
        assertAll(
                () -> assertEquals("high", t.get("Priority").asText()),
                () -> assertEquals("low", e.get("Priority").asText()),
                () -> assertEquals(1.0, t.get("Succeeded").asDouble()),
                () -> assertEquals(0.0, t.get("Retried").asDouble()),
                () -> assertNull(t.get("EmailsSent")),
                () -> assertEquals(1.0, e.get("Retried").asDouble()),
                () -> assertEquals(0.0, e.get("Succeeded").asDouble()),
                () -> assertNull(e.get("TweetsPosted")),
                () -> assertEquals(1.0, t.get("ColdStart").asDouble(), "each environment has its own cold start"),
                () -> assertEquals(1.0, e.get("ColdStart").asDouble()));
    }

    @Test
    void shouldSplitOnlyTheTimings_whenABatchHasMoreThan100Jobs() {
        JobTypeMetrics tweet = JobTypeMetrics.forJobType("tweet", CLOCK);
        BatchMetrics batch = tweet.startBatch(Priority.NORMAL);

        List<String> lines = capture(() -> {
            for (int i = 0; i < 150; i++) {
                batch.succeeded();
                batch.duration(Duration.ofMillis(i));
            }
            batch.flush();
        });

        // The spec allows 100 values per metric in a document; the EMF library splits, every part valid.
        assertEquals(2, lines.size(), lines.toString());
        double succeeded = 0;
        int durations = 0;
        for (String line : lines) {
            JsonNode doc = valid(line);
            succeeded += doc.path("Succeeded").asDouble(0);
            durations += doc.get("Duration").size();
            assertEquals("tweet", doc.get("JobType").asText());
            assertEquals("normal", doc.get("Priority").asText());
        }
        assertEquals(150.0, succeeded, "counts are summed, never split or repeated");
        assertEquals(150, durations);
    }

    @Test
    void shouldRejectHandlerMetricNames_thatWouldCorruptTheDocument() {
        JobMetrics metrics = JobTypeMetrics.forJobType("tweet", CLOCK)
                .startBatch(Priority.HIGH)
                .jobMetrics();

        for (String reserved :
                List.of("Succeeded", "ColdStart", "JobType", "Priority", "DeadLetterReasons", "_aws", " ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.count(reserved, 1));
            assertTrue(e.getMessage().contains("'" + reserved + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> metrics.milliseconds("ApiCall", Double.NaN));
        metrics.count("ApiCalls", 1);
        assertThrows(IllegalArgumentException.class, () -> metrics.milliseconds("ApiCalls", 5));
    }

    @Test
    void shouldDropRecordings_thatArriveAfterTheFlush() {
        JobTypeMetrics tweet = JobTypeMetrics.forJobType("tweet", CLOCK);
        BatchMetrics batch = tweet.startBatch(Priority.HIGH);

        List<String> lines = capture(() -> {
            batch.succeeded();
            batch.flush();
            batch.succeeded();
            batch.jobMetrics().count("Late", 1);
            batch.flush();
        });

        assertEquals(1, lines.size());
        assertEquals(1.0, valid(lines.get(0)).get("Succeeded").asDouble());
    }

    @Test
    void shouldRejectAJobType_thatCannotBeADimensionValue() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JobTypeMetrics.forJobType("two words"));
        assertTrue(e.getMessage().contains("'two words'"), e.getMessage());
    }

    @Test
    void validatorShouldFindTheViolations_ofABrokenDocument() {
        String broken = "{\"_aws\":{\"Timestamp\":\"now\",\"CloudWatchMetrics\":[{\"Namespace\":\"Sluice\","
                + "\"Dimensions\":[[\"JobType\",\"Missing\"]],\"Metrics\":[{\"Name\":\"Succeeded\",\"Unit\":\"Things\"},"
                + "{\"Name\":\"Absent\"}]}]},\"JobType\":7,\"Succeeded\":\"one\"}";

        List<String> violations = EmfDocumentValidator.violations(broken);

        assertEquals(6, violations.size(), violations.toString());
        assertFalse(EmfDocumentValidator.violations("{\"_aws\":{}} trailing").isEmpty());
    }

    private static void succeeded(BatchMetrics batch, long durationMs, long latencyMs) {
        batch.succeeded();
        batch.duration(Duration.ofMillis(durationMs));
        batch.queueLatency(Duration.ofMillis(latencyMs));
        batch.jobMetrics().count("TweetsPosted", 1);
        batch.jobMetrics().milliseconds("TwitterApiCall", durationMs / 2.0);
    }

    /** Runs each lane on its own thread, as the batch processor does for a standard queue. */
    private static void runConcurrently(List<Runnable> lanes) {
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            lanes.forEach(lane -> running.add(pool.submit(lane)));
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> capture(Runnable work) {
        try (StdoutCapture out = new StdoutCapture()) {
            work.run();
            return out.lines();
        }
    }

    private static JsonNode valid(String line) {
        List<String> violations = EmfDocumentValidator.violations(line);
        assertEquals(List.of(), violations, "not valid EMF: " + line);
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> units(JsonNode directive) {
        Map<String, String> units = new HashMap<>();
        directive
                .get("Metrics")
                .forEach(m -> units.put(m.get("Name").asText(), m.path("Unit").asText("None")));
        return units;
    }

    private static Set<Double> values(JsonNode doc, String name) {
        Set<Double> values = new HashSet<>();
        doc.get(name).forEach(v -> values.add(v.asDouble()));
        return values;
    }
}
