package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.testjobs.JobLedger;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Exactly-once execution per idempotency key, end to end: sluice-local's consumers, the real entry point,
 * moto (DynamoDB) holding the claims and the history.
 */
class IdempotencyTest {
    private static LocalHarness local;

    @BeforeAll
    static void start() {
        local = LocalHarness.start(List.of("once"), Map.of());
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static String envelope(String jobId, String key, Map<String, Object> payload) {
        return JobEnvelope.builder()
                .jobId(jobId)
                .type("once")
                .priority(Priority.NORMAL)
                .payload(SluiceJson.mapper().valueToTree(payload))
                .idempotencyKey(key)
                .createdAt(Instant.now())
                .source("tests")
                .build()
                .toJson();
    }

    private static JobRecord historyOf(String jobId, java.util.function.Predicate<JobRecord> ready) {
        LocalHarness.await(
                () -> local.runtime.jobStore().get(jobId).filter(ready).isPresent(),
                Duration.ofSeconds(30),
                () -> "history of " + jobId + " is " + local.runtime.jobStore().get(jobId));
        return local.runtime.jobStore().get(jobId).orElseThrow();
    }

    @Test
    void theSameJobDeliveredFiveTimesConcurrentlyRunsOnceAndTheOtherFourAreSkipped() {
        String jobId = "dup-" + UUID.randomUUID();
        String body = envelope(jobId, null, Map.of("millis", 500));
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(body)
                    .build());
        }
        List<String> ids = local
                .runtime
                .sqs()
                .sendMessageBatch(r -> r.queueUrl(local.runtime.queueUrl("once", Priority.NORMAL))
                        .entries(entries))
                .successful()
                .stream()
                .map(s -> s.messageId())
                .toList();

        local.awaitFinished(ids, Duration.ofSeconds(60));

        assertEquals(1, JobLedger.attempts(jobId).size(), "the job ran exactly once");
        assertEquals(1, ids.stream().filter(local.outcomes()::hasSucceeded).count());
        assertEquals(
                4, ids.stream().filter(local.outcomes()::wasSkippedAsDuplicate).count());
        JobRecord record = historyOf(jobId, r -> r.duplicatesSkipped() == 4);
        assertEquals(JobState.SUCCEEDED, record.state());
        assertEquals("ran " + jobId, record.result());
        assertEquals(1, record.attempts().size());
    }

    @Test
    void aKeyReusedWithAnotherPayloadIsDeadLetteredWithItsReasonAndTheSamePayloadIsSkipped() {
        String key = "order-" + UUID.randomUUID();
        String first = "first-" + UUID.randomUUID();
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("order", "42");
        payload.put("millis", 0);
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("millis", 0);
        reordered.put("order", "42");
        String firstId = local.send("once", Priority.NORMAL, envelope(first, key, payload));
        local.awaitFinished(List.of(firstId), Duration.ofSeconds(30));

        String other = "other-" + UUID.randomUUID();
        String same = "same-" + UUID.randomUUID();
        String otherId = local.send("once", Priority.NORMAL, envelope(other, key, Map.of("order", "43", "millis", 0)));
        String sameId = local.send("once", Priority.NORMAL, envelope(same, key, reordered));
        local.awaitFinished(List.of(otherId, sameId), Duration.ofSeconds(30));

        assertEquals(DeadLetterReason.IDEMPOTENCY_CONFLICT, local.outcomes().deadLetterReason(otherId));
        assertTrue(
                local.outcomes().wasSkippedAsDuplicate(sameId),
                "the same payload in another field order is a duplicate");
        assertEquals(List.of(), JobLedger.attempts(other));
        assertEquals(List.of(), JobLedger.attempts(same));
        LocalHarness.await(
                () -> local.deadLetters("once", Priority.NORMAL).stream()
                        .anyMatch(m -> m.body().contains(other)),
                Duration.ofSeconds(30),
                () -> "the conflicting job reaches the DLQ");
        Message dead = local.deadLetters("once", Priority.NORMAL).stream()
                .filter(m -> m.body().contains(other))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "idempotency-conflict",
                dead.messageAttributes().get(DeadLetterReason.ATTRIBUTE).stringValue());
        assertEquals(
                "idempotency key '" + key + "' was already used by job " + first + " with a different payload",
                dead.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE).stringValue());

        assertEquals(
                JobState.DEAD_LETTERED,
                historyOf(other, r -> r.state() == JobState.DEAD_LETTERED).state());
        JobRecord skipped = historyOf(same, r -> r.state() == JobState.DUPLICATE_SKIPPED);
        assertEquals(first, skipped.duplicateOf());
    }
}
