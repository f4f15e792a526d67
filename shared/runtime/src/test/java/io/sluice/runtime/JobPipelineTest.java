package io.sluice.runtime;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.DeferralAttributes;
import io.sluice.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's decisions with the builder's defaults: no job store ({@code JobStore.NONE}) and no rate limiter
 * ({@code RateLimiter.NONE}). The pipeline makes no SQS call, so the messages are built here as Lambda delivers them.
 */
class JobPipelineTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    private final TestJob handler = new TestJob();

    @AfterEach
    void stop() {
        watchdog.shutdownNow();
    }

    private static JobDefinition testjob(RateLimitSpec limits) {
        return job("testjob")
                .handlerClass(TestJob.class.getName())
                .payloadClass(TestJob.Payload.class.getName())
                .validatorClass(TestJob.Validator.class.getName())
                .maxAttempts(3)
                .rateLimit(limits)
                .build();
    }

    private JobPipeline<TestJob.Payload> pipeline(JobDefinition definition) {
        return JobPipeline.builder(definition, new Catalogue(List.of(definition)), handler, TestJob.Payload.class)
                .clock(new SettableClock(T0))
                .random(() -> 0.5)
                .watchdog(watchdog)
                .build();
    }

    private static SQSMessage message(String jobId, String payload, int earlierAttempts, int receiveCount) {
        SQSMessage message = new SQSMessage();
        message.setMessageId("m-" + jobId);
        message.setBody("{\"specVersion\":\"1\",\"jobId\":\"" + jobId + "\",\"type\":\"testjob\",\"payload\":" + payload
                + ",\"attempt\":" + earlierAttempts + "}");
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount)));
        return message;
    }

    @Test
    void withoutAStoreAttemptsAreTheEnvelopesEarlierOnesPlusSqsReceivesAndAttemptMaxPlusOneNeverRuns() {
        MessageOutcome outcome =
                pipeline(testjob(RateLimitSpec.UNLIMITED)).run(message("spent-1", "{\"action\":\"ok\"}", 1, 3));

        MessageOutcome.DeadLetter dead = assertInstanceOf(MessageOutcome.DeadLetter.class, outcome);
        assertEquals(DeadLetterReason.MAX_ATTEMPTS, dead.reason());
        assertEquals("the job's 3 attempts are spent (this is attempt 4)", dead.detail());
        assertEquals(JobRun.before(dead.run().job()), dead.run(), "refused before any attempt: no claim, no times");
        assertEquals(List.of(), handler.ran);
    }

    @Test
    void withoutALimiterARateLimitedTypeRunsEveryJobAndReadsNoBudgetKey() {
        JobPipeline<TestJob.Payload> pipeline = pipeline(testjob(new RateLimitSpec(0, 1, 0, Duration.ZERO, "account")));

        // The payload has no "account" field: with a limiter it would be refused as an invalid payload.
        assertInstanceOf(
                MessageOutcome.Succeeded.class, pipeline.run(message("limited-1", "{\"action\":\"ok\"}", 0, 1)));
        assertInstanceOf(
                MessageOutcome.Succeeded.class, pipeline.run(message("limited-2", "{\"action\":\"ok\"}", 0, 1)));
        assertEquals(List.of("limited-1", "limited-2"), handler.ran);
    }

    @Test
    void aCopyBackBeforeItsNotBeforeTimeIsDeferredAgainBeforeItsPayloadIsRead() {
        SQSMessage early = message("early-1", "{\"action\":\"no such action\"}", 0, 1);
        early.setMessageAttributes(
                Map.of(DeferralAttributes.NOT_BEFORE, number(T0.plusSeconds(90).toEpochMilli())));

        MessageOutcome.Deferred deferred = assertInstanceOf(
                MessageOutcome.Deferred.class,
                pipeline(testjob(RateLimitSpec.UNLIMITED)).run(early));

        assertEquals(T0.plusSeconds(90), deferred.runAt());
        assertEquals(Duration.ofSeconds(90), deferred.delay());
        assertFalse(deferred.isNew(), "deferred again silently");
    }

    @Test
    void aPipelineWithoutAWatchdogIsRefusedWithTheReason() {
        JobDefinition definition = testjob(RateLimitSpec.UNLIMITED);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JobPipeline.builder(
                                definition, new Catalogue(List.of(definition)), handler, TestJob.Payload.class)
                        .build());
        assertEquals(
                "the watchdog of job type 'testjob' must be set: it interrupts a job at its timeout", e.getMessage());
    }

    private static SQSEvent.MessageAttribute number(long value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType("Number");
        attribute.setStringValue(Long.toString(value));
        return attribute;
    }
}
