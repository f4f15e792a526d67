package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.Priority;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.JobRef;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each outcome says about itself without a collaborator: whether the partial batch response reports it, how
 * long it holds its FIFO group, and what history records when it came too late. Its SQS calls, history writes and
 * metrics are exercised against ElasticMQ and moto by {@link BatchProcessorTest}, {@code IdempotencyTest} and
 * {@code RuntimeMetricsTest}.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Handling errors for an SQS event source in Lambda</a>
 */
class MessageOutcomeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final JobRef JOB = new JobRef("job-1", "testjob", Priority.NORMAL, null, T0);
    private static final JobRun CLAIMED = new JobRun(JOB, new Claimed(JOB, "token", 2, 2, T0), T0, T0.plusSeconds(1));

    private static Map<MessageOutcome, Boolean> everyOutcome(boolean fifo) {
        Map<MessageOutcome, Boolean> reported = new LinkedHashMap<>();
        for (MessageOutcome outcome : List.of(
                new MessageOutcome.Succeeded("done", CLAIMED),
                new MessageOutcome.Retry(Duration.ofSeconds(4), "boom", 2, CLAIMED),
                new MessageOutcome.DeadLetter(DeadLetterReason.PERMANENT_FAILURE, "gone", 2, CLAIMED),
                new MessageOutcome.NotStarted("no time"),
                new MessageOutcome.HeldBehindGroup("g", Duration.ofSeconds(4)),
                new MessageOutcome.Postponed(Duration.ofSeconds(5), "store unavailable"),
                new MessageOutcome.DuplicateSkipped(JOB, "job-0", "done"),
                new MessageOutcome.Deferred(JOB, T0.plusSeconds(60), Duration.ofSeconds(60), "rate limit perHour"))) {
            reported.put(outcome, outcome.reportAsFailure(fifo));
        }
        return reported;
    }

    @Test
    void onAStandardQueueOnlyTheOutcomesThatLeaveTheMessageInItsQueueAreReported() {
        assertEquals(
                List.of(false, true, false, true, true, true, false, false),
                List.copyOf(everyOutcome(false).values()),
                "succeeded, retry, dead letter, not started, held, postponed, duplicate, deferred (its copy carries the job)");
    }

    @Test
    void onAFifoQueueADeferredMessageWaitsInPlaceSoItIsReported() {
        assertEquals(
                List.of(false, true, false, true, true, true, false, true),
                List.copyOf(everyOutcome(true).values()));
    }

    @Test
    void theRestOfAFifoGroupComesBackAfterARetryAndAtOnceAfterAnyOtherStop() {
        assertEquals(Duration.ofSeconds(4), new MessageOutcome.Retry(Duration.ofSeconds(4), "boom", 1).holdsGroupFor());
        assertEquals(
                Duration.ZERO,
                new MessageOutcome.Postponed(Duration.ofSeconds(5), "store unavailable").holdsGroupFor());
        assertEquals(Duration.ZERO, new MessageOutcome.NotStarted("no time").holdsGroupFor());
    }

    @Test
    void aClaimedDeadLetteringReachedAfterTheResponseIsRecordedAsAFailedAttempt() {
        MessageOutcome late = new MessageOutcome.DeadLetter(
                        DeadLetterReason.MAX_ATTEMPTS, "attempt 2 of 2 failed: boom", 2, CLAIMED)
                .settledLate();

        MessageOutcome.Retry retry = assertInstanceOf(MessageOutcome.Retry.class, late);
        assertEquals(Duration.ZERO, retry.delay());
        assertEquals("the invocation answered before the job finished: attempt 2 of 2 failed: boom", retry.error());
        assertSame(CLAIMED, retry.run());
    }

    @Test
    void anythingElseReachedAfterTheResponseIsRecordedAsItIs() {
        MessageOutcome refused = new MessageOutcome.DeadLetter(
                DeadLetterReason.INVALID_PAYLOAD, "payload is missing", 1, JobRun.before(JOB));
        MessageOutcome succeeded = new MessageOutcome.Succeeded("done", CLAIMED);
        assertSame(refused, refused.settledLate());
        assertSame(succeeded, succeeded.settledLate());
    }
}
