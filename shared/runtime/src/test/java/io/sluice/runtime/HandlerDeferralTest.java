package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.job.JobContext;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.moto.TableCreator;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.testing.SettableClock;
import io.sluice.testing.TestLambdaContext;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A handler that meets a provider over its limit throws {@link JobDeferral}: the job waits until the time the
 * provider named, beyond SQS's 12-hour visibility cap, and the attempt it used does not count. With
 * {@code maxAttempts = 1}, a counted attempt would dead-letter the job on its return; it succeeds instead.
 */
class HandlerDeferralTest {
    private static final Instant T0 = Instant.parse("2096-11-23T10:00:00Z"); // future: TTL sweeps use the real clock
    private static LocalSqs localSqs;

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("hd"));
    }

    @AfterAll
    static void stop() throws Exception {
        localSqs.close();
    }

    /** Deferred by "the provider" on its first run, until 13 hours later; succeeds after. */
    public static final class BusyProviderJob implements JobHandler<BusyProviderJob.Payload> {
        public record Payload(String note) {}

        final List<Integer> attemptsSeen = new CopyOnWriteArrayList<>();

        @Override
        public JobResult handle(Payload payload, JobContext context) throws JobDeferral {
            attemptsSeen.add(context.attempt());
            if (attemptsSeen.size() == 1) {
                throw JobDeferral.until(
                        "provider rate limit: 429, resets at " + T0.plus(Duration.ofHours(13)),
                        T0.plus(Duration.ofHours(13)));
            }
            return JobResult.of("posted");
        }
    }

    /** A provider that is always over its limit: every run is deferred by a second. */
    public static final class AlwaysBusyJob implements JobHandler<BusyProviderJob.Payload> {
        final List<Integer> runs = new CopyOnWriteArrayList<>();

        @Override
        public JobResult handle(BusyProviderJob.Payload payload, JobContext context) throws JobDeferral {
            runs.add(context.attempt());
            throw JobDeferral.until("provider rate limit: 429", Instant.EPOCH); // the runtime waits at least 1 s
        }
    }

    @Test
    void aProviderThatDefersForEverDeadLettersTheJobOnceItsDeferralBudgetIsSpent() {
        AlwaysBusyJob handler = new AlwaysBusyJob();
        JobDefinition definition = JobDefinitionBuilder.job("always-busy")
                .handlerClass(AlwaysBusyJob.class.getName())
                .payloadClass(BusyProviderJob.Payload.class.getName())
                .build();
        LocalSqs.Queue queue = localSqs.queue("hd-always-busy-normal", 100);
        DynamoDbJobStore store =
                new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("hd"), JobStore.Retention.DEFAULT);
        SqsQueueOperations queues = new SqsQueueOperations(localSqs.client(), Duration.ofSeconds(1));
        try (JobFunction function = JobFunction.builder("always-busy", new Catalogue(List.of(definition)))
                .handler(handler)
                .queues(queues)
                .store(store)
                .deferrals(new DeferralBudget(3, Duration.ofDays(7)))
                .build()) {
            localSqs.client()
                    .sendMessage(r -> r.queueUrl(queue.url())
                            .messageBody("{\"specVersion\":\"1\",\"jobId\":\"busy-forever-1\",\"type\":\"always-busy\","
                                    + "\"payload\":{\"note\":\"hi\"}}"));
            for (int run = 1; run <= 4; run++) {
                function.handle(LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
            }
        }
        assertEquals(4, handler.runs.size(), "three deferrals, then the run that spends the budget");
        JobRecord record = store.get("busy-forever-1").orElseThrow();
        assertEquals(JobState.DEAD_LETTERED, record.state());
        assertEquals("deferral-budget", record.deadLetterReason());
        List<Message> dead = receiveOne(queue.deadLetterUrl());
        assertEquals(
                "deferral-budget",
                dead.get(0).messageAttributes().get("sluice-dead-letter-reason").stringValue());
        assertTrue(
                dead.get(0)
                        .messageAttributes()
                        .get("sluice-dead-letter-detail")
                        .stringValue()
                        .startsWith(
                                "deferred 4 times; the budget is 3 (SLUICE_MAX_DEFERRALS); last: provider rate limit"),
                dead.get(0).messageAttributes().get("sluice-dead-letter-detail").stringValue());
    }

    @Test
    void aDeferralWaitsForTheProvidersTimeAndCostsNoAttempt() {
        SettableClock clock = new SettableClock(T0);
        BusyProviderJob handler = new BusyProviderJob();
        JobDefinition definition = JobDefinitionBuilder.job("busy")
                .handlerClass(BusyProviderJob.class.getName())
                .payloadClass(BusyProviderJob.Payload.class.getName())
                .maxAttempts(1)
                .build();
        LocalSqs.Queue queue = localSqs.queue("hd-busy-normal", 100);
        DynamoDbJobStore store =
                new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("hd"), JobStore.Retention.DEFAULT);
        // The re-sent copy comes back after 1 s of real time; the injected clock decides whether it may run.
        SqsQueueOperations queues = new SqsQueueOperations(localSqs.client(), Duration.ofSeconds(1));
        List<MessageOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (JobFunction function = JobFunction.builder("busy", new Catalogue(List.of(definition)))
                .handler(handler)
                .queues(queues)
                .store(store)
                .clock(clock)
                .listener(settled -> outcomes.add(settled.outcome()))
                .build()) {
            localSqs.client()
                    .sendMessage(
                            r -> r.queueUrl(queue.url())
                                    .messageBody(
                                            "{\"specVersion\":\"1\",\"jobId\":\"post-1\",\"type\":\"busy\",\"payload\":{\"note\":\"hi\"}}"));

            SQSBatchResponse first = function.handle(
                    LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
            assertTrue(first.getBatchItemFailures().isEmpty(), "a deferred job is acknowledged: its copy waits");
            MessageOutcome.Deferred deferred = (MessageOutcome.Deferred) outcomes.get(0);
            assertEquals(
                    T0.plus(Duration.ofHours(13)), deferred.runAt(), "the provider's time, not capped at 12 hours");
            JobRecord waiting = store.get("post-1").orElseThrow();
            assertEquals(JobState.DEFERRED, waiting.state());
            assertEquals("deferred", waiting.attempts().get(0).outcome());

            // Back early: deferred again, silently, without running.
            clock.set(T0.plus(Duration.ofHours(1)));
            function.handle(LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
            assertEquals(1, handler.attemptsSeen.size(), "not run before the provider's time");
            MessageOutcome.Deferred again = (MessageOutcome.Deferred) outcomes.get(1);
            assertEquals(T0.plus(Duration.ofHours(13)), again.runAt(), "the copy waits for the same time");
            assertFalse(again.isNew(), "a copy back early is not a new deferral");

            clock.set(T0.plus(Duration.ofHours(13)).plusSeconds(1));
            SQSBatchResponse last = function.handle(
                    LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
            assertTrue(last.getBatchItemFailures().isEmpty());
        }
        assertEquals(List.of(1, 1), handler.attemptsSeen, "the deferred run did not use up the only attempt");
        JobRecord done = store.get("post-1").orElseThrow();
        assertEquals(JobState.SUCCEEDED, done.state());
        assertEquals("posted", done.result());
        assertEquals(
                List.of("deferred", "succeeded"),
                done.attempts().stream().map(a -> a.outcome()).toList());
    }

    /** Always answers "busy until" a time already past, as a stale provider header would. */
    public static final class StaleResetJob implements JobHandler<BusyProviderJob.Payload> {
        @Override
        public JobResult handle(BusyProviderJob.Payload payload, JobContext context) throws JobDeferral {
            throw JobDeferral.until("provider rate limit: 429, resets at an hour ago", T0.minus(Duration.ofHours(1)));
        }
    }

    @Test
    void aResetAlreadyPastStillWaitsAMomentRatherThanRerunningAtOnce() {
        JobDefinition definition = JobDefinitionBuilder.job("stale")
                .handlerClass(StaleResetJob.class.getName())
                .payloadClass(BusyProviderJob.Payload.class.getName())
                .build();
        LocalSqs.Queue queue = localSqs.queue("hd-stale-normal", 100);
        List<MessageOutcome> outcomes = new CopyOnWriteArrayList<>();
        try (JobFunction function = JobFunction.builder("stale", new Catalogue(List.of(definition)))
                .handler(new StaleResetJob())
                .queues(new SqsQueueOperations(localSqs.client(), Duration.ofSeconds(1)))
                .store(new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("hd"), JobStore.Retention.DEFAULT))
                .clock(new SettableClock(T0))
                .listener(settled -> outcomes.add(settled.outcome()))
                .build()) {
            localSqs.client()
                    .sendMessage(
                            r -> r.queueUrl(queue.url())
                                    .messageBody(
                                            "{\"specVersion\":\"1\",\"jobId\":\"stale-1\",\"type\":\"stale\",\"payload\":{\"note\":\"hi\"}}"));
            function.handle(LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
        }
        MessageOutcome.Deferred deferred = (MessageOutcome.Deferred) outcomes.get(0);
        assertEquals(T0.plus(RunHandler.MIN_DEFERRAL), deferred.runAt());
    }

    private static List<Message> receiveOne(String url) {
        for (int i = 0; i < 20; i++) {
            List<Message> messages = localSqs.receive(url, 1, 1);
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new AssertionError("no message came back to " + url);
    }
}
