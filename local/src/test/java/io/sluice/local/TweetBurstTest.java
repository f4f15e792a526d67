package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.tweet.TweetSettings;
import io.sluice.functions.tweet.XApiStandIn;
import io.sluice.job.JobConfig;
import io.sluice.job.Priority;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.MessageOutcome;
import io.sluice.runtime.SqsQueueOperations;
import io.sluice.runtime.limit.DynamoDbRateLimiter;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.testing.SettableClock;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import io.sluice.topology.RateLimitTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tweet type's default limits (3 an hour, 10 minutes apart, 20 a day) under a burst of 20 jobs, on
 * sluice-local's emulators and event-source-mapping emulator with the real catalogue entry and the real
 * {@code TweetJob} posting to {@link XApiStandIn}. The runtime's clock (rate limits, deferrals) is a clock the
 * test moves through the hour; the emulator's invocation deadlines and the job's OAuth timestamps stay on real
 * time, an hour or more behind the injected one, so moving the injected clock never cuts a running job short.
 * Deferred copies come back after at most 1 s of real time, and the injected clock decides whether they may run.
 */
class TweetBurstTest {

    @Test
    void exactlyThreeOfABurstOfTwentyRunInTheHourAndTheRestAreDeferredNotFailed() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(2, ChronoUnit.HOURS);
        SettableClock clock = new SettableClock(hour.plusSeconds(1));
        Path secrets = Files.createTempFile("sluice-secrets", ".json");
        Files.writeString(
                secrets,
                "{\"" + TweetSettings.DEFAULT_CREDENTIALS_SECRET + "\": "
                        + XApiStandIn.credentialsJson(XApiStandIn.CREDENTIALS) + "}");
        // Which step last turned each job away, so a step waits until every waiting job was turned away in it.
        Map<String, Integer> deferredIn = new ConcurrentHashMap<>();
        AtomicInteger currentStep = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<EventSourceMappingEmulator> mappings = new ArrayList<>();
        try (XApiStandIn x = new XApiStandIn();
                LocalHarness local = LocalHarness.start(List.of("tweet"), Map.of(), false);
                DynamoDbClient dynamoDb = LocalClients.dynamoDb(
                        local.runtime.dynamoDbEndpoint(), "us-east-1", new DynamoDbRequestCounter())) {
            JobConfig config = JobConfig.fromMap(Map.of(
                    TweetSettings.BASE_URL_KEY, x.baseUrl().toString(), SecretSource.FILE_KEY, secrets.toString()));
            DynamoDbRateLimiter limiter = new DynamoDbRateLimiter(dynamoDb, RateLimitTable.name("sluice"));
            SqsQueueOperations queues = new SqsQueueOperations(local.runtime.sqs(), Duration.ofSeconds(1));
            Catalogue catalogue = Catalogue.load();
            JobTopology tweet = local.runtime.topology().job("tweet");
            QueueSpec normal = tweet.queues().stream()
                    .filter(q -> q.priority() == Priority.NORMAL)
                    .findFirst()
                    .orElseThrow();
            EventSourceMappingEmulator mapping = new EventSourceMappingEmulator(
                    local.runtime.sqs(),
                    local.runtime.queueUrl("tweet", Priority.NORMAL),
                    local.runtime.queueArn("tweet", Priority.NORMAL),
                    "us-east-1",
                    normal,
                    tweet.function(),
                    () -> JobFunction.builder("tweet", catalogue)
                            .config(config)
                            .queues(queues)
                            .store(local.runtime.jobStore())
                            .rateLimiter(limiter)
                            .clock(clock)
                            .listener(settled -> {
                                MessageOutcome outcome = settled.outcome();
                                if (outcome instanceof MessageOutcome.Deferred deferred) {
                                    deferredIn.put(deferred.job().jobId(), currentStep.get());
                                } else if (outcome instanceof MessageOutcome.Retry
                                        || outcome instanceof MessageOutcome.DeadLetter) {
                                    failures.incrementAndGet();
                                }
                            })
                            .build(),
                    Clock.systemUTC(),
                    1);
            mappings.add(mapping);

            List<String> jobIds = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                String jobId = "burst-" + n;
                jobIds.add(jobId);
                local.send(
                        "tweet",
                        Priority.NORMAL,
                        envelope("tweet", jobId, Priority.NORMAL, Map.of("content", "burst post number " + n)));
            }
            mapping.start();

            // Through the hour: at most one post per 10 minutes, at most 3 in all; then the next hour opens.
            step(clock, x, deferredIn, currentStep, hour.plusSeconds(1), 1);
            step(
                    clock,
                    x,
                    deferredIn,
                    currentStep,
                    hour.plus(Duration.ofMinutes(10).plusSeconds(30)),
                    2);
            step(clock, x, deferredIn, currentStep, hour.plus(Duration.ofMinutes(21)), 3);
            step(clock, x, deferredIn, currentStep, hour.plus(Duration.ofMinutes(35)), 3);
            step(clock, x, deferredIn, currentStep, hour.plus(Duration.ofMinutes(50)), 3);
            step(
                    clock,
                    x,
                    deferredIn,
                    currentStep,
                    hour.plus(Duration.ofMinutes(59).plusSeconds(59)),
                    3);
            step(
                    clock,
                    x,
                    deferredIn,
                    currentStep,
                    hour.plus(Duration.ofMinutes(60).plusSeconds(1)),
                    4);
            mapping.close();

            assertEquals(0, failures.get(), "no job failed or was dead-lettered: waiting is not failing");
            assertEquals(4, x.requests().size(), "X saw exactly the four posts");
            assertTrue(x.requests().stream().allMatch(XApiStandIn.Request::signatureValid));
            int succeeded = 0;
            for (String jobId : jobIds) {
                JobRecord record = local.runtime.jobStore().get(jobId).orElseThrow();
                if (record.state() == JobState.SUCCEEDED) {
                    succeeded++;
                    assertEquals(1, record.attempts().size(), jobId + " ran on its first attempt");
                } else {
                    assertEquals(JobState.DEFERRED, record.state(), jobId);
                    assertEquals(0, record.attempts().size(), jobId + " spent no attempt while waiting");
                    assertTrue(
                            !record.runAt().isBefore(hour.plus(Duration.ofMinutes(60))),
                            jobId + " waits for the window, until " + record.runAt());
                }
            }
            assertEquals(4, succeeded);
        } finally {
            mappings.forEach(EventSourceMappingEmulator::close);
            Files.deleteIfExists(secrets);
        }
    }

    /** Moves the injected clock, waits for {@code posts} posts in all, then for every other job to be turned away again. */
    private static void step(
            SettableClock clock,
            XApiStandIn x,
            Map<String, Integer> deferredIn,
            AtomicInteger currentStep,
            Instant at,
            int posts) {
        clock.set(at);
        LocalHarness.await(
                () -> x.posts().size() >= posts,
                Duration.ofSeconds(60),
                () -> posts + " posts by " + at + ", saw " + x.posts().size());
        int step = currentStep.incrementAndGet();
        int waiting = 20 - posts;
        LocalHarness.await(
                () -> deferredIn.values().stream().filter(s -> s == step).count() >= waiting,
                Duration.ofSeconds(60),
                () -> "each of the " + waiting + " waiting jobs was turned away again at " + at);
        assertEquals(posts, x.posts().size(), "posts by " + at);
    }
}
