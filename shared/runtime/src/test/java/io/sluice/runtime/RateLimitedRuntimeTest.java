package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.job.Jitter;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.moto.TableCreator;
import io.sluice.runtime.limit.DynamoDbRateLimiter;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.testing.SettableClock;
import io.sluice.testing.TestLambdaContext;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A type limited to 5 jobs a minute, 20 jobs enqueued, 4 concurrent consumers (each its own execution
 * environment) on real ElasticMQ and moto (DynamoDB), with an injected clock the test moves minute by minute:
 * exactly 5 run in each minute, and every deferred job keeps its whole retry budget.
 */
class RateLimitedRuntimeTest {
    private static final Instant T0 =
            Instant.parse("2096-11-23T10:00:00Z"); // future: the emulator sweeps TTL-expired items by the real clock
    private static LocalSqs localSqs;
    private static SqsClient sqs;

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        sqs = localSqs.client();
        TableCreator tables = new TableCreator(dynamoDb.client());
        tables.createIfMissing(JobsTable.spec("rl"));
        tables.createIfMissing(RateLimitTable.spec("rl"));
    }

    @AfterAll
    static void stop() throws Exception {
        localSqs.close();
    }

    /** Records, per job, the injected minute it ran in and the attempt number it saw. */
    static final class MinuteJob implements JobHandler<MinuteJob.Payload> {
        record Payload(int n) {}

        final Clock clock;
        final Map<String, Long> minuteOf = new ConcurrentHashMap<>();
        final Map<String, Integer> attemptOf = new ConcurrentHashMap<>();

        MinuteJob(Clock clock) {
            this.clock = clock;
        }

        @Override
        public JobResult handle(Payload payload, JobContext context) {
            if (minuteOf.putIfAbsent(
                            context.jobId(),
                            Duration.between(T0, clock.instant()).toMinutes())
                    != null) {
                throw new AssertionError("job " + context.jobId() + " ran twice");
            }
            attemptOf.put(context.jobId(), context.attempt());
            return JobResult.ok();
        }
    }

    @Test
    void aTypeLimitedToFivePerMinuteRunsExactlyFiveInEachMinuteAndDeferredJobsKeepTheirAttempts() throws Exception {
        SettableClock clock = new SettableClock(T0);
        clock.set(T0.plusSeconds(1));
        MinuteJob handler = new MinuteJob(clock);
        JobDefinition definition = JobDefinitionBuilder.job("limited")
                .handlerClass(MinuteJob.class.getName())
                .payloadClass(MinuteJob.Payload.class.getName())
                .maxAttempts(3)
                .backoff(new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), Jitter.NONE))
                .timeout(Duration.ofSeconds(5))
                .concurrency(4)
                .rateLimit(new RateLimitSpec(5, 0, 0, Duration.ZERO, null))
                .build()
                .validated();
        Catalogue catalogue = new Catalogue(List.of(definition));
        LocalSqs.Queue queue = localSqs.queue("rl-limited-normal", 1000);
        String url = queue.url();
        String arn = queue.arn();
        DynamoDbJobStore store =
                new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("rl"), JobStore.Retention.DEFAULT);
        DynamoDbRateLimiter limiter = new DynamoDbRateLimiter(dynamoDb.client(), RateLimitTable.name("rl"));
        AtomicInteger deferrals = new AtomicInteger();
        // Deferred copies come back after 1 s of real time; the injected clock decides whether they may run.
        SqsQueueOperations queues = new SqsQueueOperations(sqs, Duration.ofSeconds(1));
        List<JobFunction> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            consumers.add(JobFunction.builder("limited", catalogue)
                    .handler(handler)
                    .queues(queues)
                    .store(store)
                    .rateLimiter(limiter)
                    .clock(clock)
                    .listener(settled -> {
                        if (settled.outcome() instanceof MessageOutcome.Deferred) {
                            deferrals.incrementAndGet();
                        }
                    })
                    .build());
        }
        List<String> jobIds = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String jobId = "limited-" + n;
            jobIds.add(jobId);
            sqs.sendMessage(r -> r.queueUrl(url)
                    .messageBody("{\"specVersion\":\"1\",\"jobId\":\"" + jobId
                            + "\",\"type\":\"limited\",\"payload\":{\"n\":1}}"));
        }

        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (JobFunction consumer : consumers) {
            Thread t = new Thread(() -> consume(consumer, url, arn, running));
            t.start();
            threads.add(t);
        }
        try {
            for (int minute = 0; minute < 4; minute++) {
                clock.set(T0.plusSeconds(60L * minute + 1));
                int expected = 5 * (minute + 1);
                await(() -> handler.minuteOf.size() >= expected, "minute " + minute + ": " + expected + " jobs ran");
                // Let every job still waiting come back and be refused again in this minute.
                int waiting = 20 - expected;
                int before = deferrals.get();
                await(
                        () -> deferrals.get() - before >= waiting,
                        "the " + waiting + " waiting jobs were deferred again");
                assertEquals(expected, handler.minuteOf.size(), "no more than 5 ran in minute " + minute);
            }
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            consumers.forEach(JobFunction::close);
        }

        for (long minute = 0; minute < 4; minute++) {
            long m = minute;
            assertEquals(
                    5, handler.minuteOf.values().stream().filter(v -> v == m).count(), "jobs run in minute " + minute);
        }
        assertEquals(
                Set.of(1),
                Set.copyOf(handler.attemptOf.values()),
                "every job ran on its first attempt: deferral cost nothing");
        for (String jobId : jobIds) {
            JobRecord record = store.get(jobId).orElseThrow();
            assertEquals(JobState.SUCCEEDED, record.state(), jobId);
            assertEquals(1, record.attempts().size(), jobId + " has one real attempt");
        }
    }

    private static void consume(JobFunction function, String url, String arn, AtomicBoolean running) {
        while (running.get()) {
            List<Message> messages = localSqs.receive(url, 5, 1);
            if (messages.isEmpty()) {
                continue;
            }
            SQSBatchResponse response = function.handle(LocalSqs.eventOf(arn, messages), new TestLambdaContext(60_000));
            Set<String> failed = new java.util.HashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (Message m : messages) {
                if (!failed.contains(m.messageId())) {
                    deletes.add(DeleteMessageBatchRequestEntry.builder()
                            .id(Integer.toString(deletes.size()))
                            .receiptHandle(m.receiptHandle())
                            .build());
                }
            }
            if (!deletes.isEmpty()) {
                sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(deletes));
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                fail("gave up waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
