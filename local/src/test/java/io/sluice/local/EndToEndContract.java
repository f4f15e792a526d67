package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.Priority;
import io.sluice.local.testjobs.JobLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Sluice end to end: an SQS service, the event-source-mapping emulator and the real Lambda entry point,
 * with the test job types {@code noop} and {@code flaky}. The same contract runs against the embedded
 * ElasticMQ ({@link ElasticMqEndToEndTest}) and against LocalStack ({@link LocalStackEndToEndTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
    /** The job types every contract run needs. */
    static final List<String> TYPES = List.of("noop", "flaky");

    private LocalHarness local;

    /** Starts sluice-local against the SQS service under test, consumers running. */
    abstract LocalHarness startHarness();

    @BeforeAll
    void start() {
        local = startHarness();
    }

    @AfterAll
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void mixedBatchEndsWithEveryMessageAccountedForOnce() {
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            good.add(local.send(
                    "noop",
                    Priority.NORMAL,
                    envelope("noop", "good-" + UUID.randomUUID(), Priority.NORMAL, Map.of("note", "n" + i))));
        }
        String malformed = local.send("noop", Priority.NORMAL, "{\"specVersion\":\"1\",\"jobId\":");
        String unknownType = local.send(
                "noop",
                Priority.NORMAL,
                envelope("fax", "fax-" + UUID.randomUUID(), Priority.NORMAL, Map.of("to", "+1")));
        String wrongQueue = local.send(
                "noop",
                Priority.NORMAL,
                envelope("flaky", "wrong-" + UUID.randomUUID(), Priority.NORMAL, Map.of("failures", 0)));
        String invalidPayload = local.send(
                "noop",
                Priority.NORMAL,
                envelope("noop", "bad-" + UUID.randomUUID(), Priority.NORMAL, Map.of("nite", "typo")));
        String badVersion = local.send(
                "noop",
                Priority.NORMAL,
                "{\"specVersion\":\"7\",\"jobId\":\"v7-" + UUID.randomUUID() + "\",\"type\":\"noop\",\"payload\":{}}");
        List<String> all = new ArrayList<>(good);
        all.addAll(List.of(malformed, unknownType, wrongQueue, invalidPayload, badVersion));

        local.awaitFinished(all, Duration.ofSeconds(60));

        good.forEach(id -> assertTrue(local.outcomes().hasSucceeded(id), "good job " + id + " succeeded"));
        assertEquals(DeadLetterReason.MALFORMED_JSON, local.outcomes().deadLetterReason(malformed));
        assertEquals(DeadLetterReason.UNKNOWN_TYPE, local.outcomes().deadLetterReason(unknownType));
        assertEquals(DeadLetterReason.WRONG_QUEUE, local.outcomes().deadLetterReason(wrongQueue));
        assertEquals(DeadLetterReason.INVALID_PAYLOAD, local.outcomes().deadLetterReason(invalidPayload));
        assertEquals(DeadLetterReason.UNSUPPORTED_SPEC_VERSION, local.outcomes().deadLetterReason(badVersion));

        LocalHarness.await(
                () -> local.deadLetters("noop", Priority.NORMAL).size() >= 5,
                Duration.ofSeconds(30),
                () -> "the five permanent failures reach the DLQ");
        List<Message> dlq = local.deadLetters("noop", Priority.NORMAL);
        assertEquals(
                "malformed-json",
                attribute(dlq, "\"jobId\":", DeadLetterReason.ATTRIBUTE).orElseThrow());
        Message invalid = find(dlq, "\"nite\"");
        assertEquals(
                "invalid-payload",
                invalid.messageAttributes().get(DeadLetterReason.ATTRIBUTE).stringValue());
        assertEquals(
                "payload.nite: unknown field; Payload has: note",
                invalid.messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());
        assertEquals(
                "1",
                invalid.messageAttributes()
                        .get(DeadLetterReason.ATTEMPTS_ATTRIBUTE)
                        .stringValue(),
                "dead-lettered after one attempt");
        assertTrue(find(dlq, "\"type\":\"fax\"")
                .messageAttributes()
                .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                .stringValue()
                .startsWith("type 'fax' is not in the job catalogue"));
        assertEquals(
                "type 'flaky' does not belong to this queue, which serves type 'noop'",
                find(dlq, "\"type\":\"flaky\"")
                        .messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());

        // Count in = count out: every message sent is a success or in the dead-letter queue, exactly once,
        // each permanent failure after a single attempt, and nothing is left behind in the job queue.
        assertEquals(0, local.outcomes().duplicateTerminals());
        LocalHarness.await(
                () -> local.depth(local.runtime.queueUrl("noop", Priority.NORMAL)) == 0,
                Duration.ofSeconds(30),
                () -> "the noop queue still holds messages");
        List<Message> deadLetters = local.deadLetters("noop", Priority.NORMAL);
        assertEquals(5, deadLetters.size(), "exactly the five permanent failures are in the DLQ");
        deadLetters.forEach(m -> assertEquals(
                "1",
                m.messageAttributes().get(DeadLetterReason.ATTEMPTS_ATTRIBUTE).stringValue(),
                "dead-lettered after one attempt: " + m.body()));
        long out = good.stream().filter(local.outcomes()::hasSucceeded).count() + deadLetters.size();
        assertEquals(all.size(), out, "count in = count out");
    }

    @Test
    void jobFailingTwiceSucceedsOnAttemptThreeWithGrowingRetryDelays() {
        String jobId = "twice-" + UUID.randomUUID();
        String id =
                local.send("flaky", Priority.NORMAL, envelope("flaky", jobId, Priority.NORMAL, Map.of("failures", 2)));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        List<Instant> attempts = JobLedger.attempts(jobId);
        assertEquals(3, attempts.size(), "ran exactly three times");
        Duration firstDelay = Duration.between(attempts.get(0), attempts.get(1));
        Duration secondDelay = Duration.between(attempts.get(1), attempts.get(2));
        // Backoff PT1S x3 without jitter: the redelivery waits grow, attempt over attempt.
        assertTrue(
                firstDelay.compareTo(Duration.ofSeconds(1)) >= 0, "first retry waited its backoff, was " + firstDelay);
        assertTrue(
                secondDelay.compareTo(firstDelay) > 0,
                "second delay " + secondDelay + " is longer than first " + firstDelay);
        // History agrees: three real attempts, the first two failed (their claims released), the third succeeded.
        LocalHarness.await(
                () -> local.runtime
                        .jobStore()
                        .get(jobId)
                        .map(r -> r.state() == io.sluice.store.JobState.SUCCEEDED)
                        .orElse(false),
                Duration.ofSeconds(30),
                () -> "history of " + jobId);
        assertEquals(
                List.of("failed", "failed", "succeeded"),
                local.runtime.jobStore().get(jobId).orElseThrow().attempts().stream()
                        .map(io.sluice.store.AttemptRecord::outcome)
                        .toList());
    }

    @Test
    void alwaysFailingJobReachesItsDeadLetterQueueAfterExactlyMaxAttempts() {
        String jobId = "doomed-" + UUID.randomUUID();
        String id =
                local.send("flaky", Priority.NORMAL, envelope("flaky", jobId, Priority.NORMAL, Map.of("failures", 99)));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.MAX_ATTEMPTS, local.outcomes().deadLetterReason(id));
        assertEquals(3, JobLedger.attempts(jobId).size(), "maxAttempts = 3 attempts, no more, no fewer");
        Message dead = find(local.deadLetters("flaky", Priority.NORMAL), jobId);
        assertEquals(
                "max-attempts",
                dead.messageAttributes().get(DeadLetterReason.ATTRIBUTE).stringValue());
        assertEquals(
                "attempt 3 of 3 failed: IllegalStateException: simulated failure on attempt 3",
                dead.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE).stringValue());
    }

    @Test
    void permanentFailureIsDeadLetteredAtOnceWithTheHandlersMessage() {
        String jobId = "gone-" + UUID.randomUUID();
        String id = local.send(
                "flaky",
                Priority.NORMAL,
                envelope("flaky", jobId, Priority.NORMAL, Map.of("failures", 0, "permanent", true)));

        local.awaitFinished(List.of(id), Duration.ofSeconds(30));

        assertEquals(DeadLetterReason.PERMANENT_FAILURE, local.outcomes().deadLetterReason(id));
        assertEquals(1, JobLedger.attempts(jobId).size());
        Message dead = find(local.deadLetters("flaky", Priority.NORMAL), jobId);
        assertEquals(
                "the order no longer exists",
                dead.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE).stringValue());
    }

    @Test
    void failedValidationDeadLettersWithTheHandlersMessage() {
        String id = local.send(
                "flaky",
                Priority.NORMAL,
                envelope("flaky", "neg-" + UUID.randomUUID(), Priority.NORMAL, Map.of("failures", -1)));

        local.awaitFinished(List.of(id), Duration.ofSeconds(30));

        assertEquals(DeadLetterReason.INVALID_PAYLOAD, local.outcomes().deadLetterReason(id));
        Message dead = find(local.deadLetters("flaky", Priority.NORMAL), "neg-");
        assertEquals(
                "failures: must be 0 or more, was -1",
                dead.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE).stringValue());
    }

    private static Message find(List<Message> messages, String bodyPart) {
        return messages.stream()
                .filter(m -> m.body().contains(bodyPart))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no dead letter containing " + bodyPart + " among " + messages.size()));
    }

    private static Optional<String> attribute(List<Message> messages, String bodyPart, String name) {
        return messages.stream()
                .filter(m -> m.body().contains(bodyPart)
                        && m.messageAttributes().containsKey(name)
                        && m.messageAttributes().get(name).stringValue().equals("malformed-json"))
                .map(m -> m.messageAttributes().get(name).stringValue())
                .findFirst();
    }
}
