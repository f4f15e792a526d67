package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.catalogue.JobOverrides;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.envelope.DeferralAttributes;
import io.sluice.job.JobConfig;
import io.sluice.job.JobContext;
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
import io.sluice.testing.StdoutCapture;
import io.sluice.testing.TestLambdaContext;
import io.sluice.topology.JobsTable;
import io.sluice.topology.SluiceEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The composition root, {@link JobFunction#from}: a function assembled from nothing but its environment variables and
 * its clients, as Lambda and sluice-local assemble theirs, running a real batch on ElasticMQ with its history in moto.
 */
class JobFunctionTest {
    private static final Instant T0 = Instant.parse("2096-11-23T10:00:00Z"); // future: TTL sweeps use the real clock
    private static LocalSqs localSqs;

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("jf-elsewhere"));
    }

    @AfterAll
    static void stop() throws Exception {
        localSqs.close();
    }

    /** Greets with the word its configuration gives, so a test sees the environment reach the handler's constructor. */
    public static final class GreetingJob implements JobHandler<GreetingJob.Payload> {
        public record Payload(String name) {}

        private final String greeting;

        public GreetingJob(JobConfig config) {
            this.greeting = config.get("SLUICE_GREETING_WORD", "hi");
        }

        @Override
        public JobResult handle(Payload payload, JobContext context) {
            return JobResult.of(greeting + " " + payload.name());
        }
    }

    private static JobDefinition greeting() {
        return JobDefinitionBuilder.job("greeting")
                .handlerClass(GreetingJob.class.getName())
                .payloadClass(GreetingJob.Payload.class.getName())
                .build();
    }

    private static Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        environment.put(SluiceEnvironment.JOB_TYPE, "greeting");
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private static JobFunction.Clients clients() {
        return JobFunction.Clients.of(new SqsQueueOperations(localSqs.client()), dynamoDb.client());
    }

    @Test
    void aFunctionFromItsEnvironmentRunsItsTypeWithItsOverridesHandlerSettingsTableAndRetention() {
        Map<String, String> environment = environment(
                SluiceEnvironment.APP,
                "jf",
                SluiceEnvironment.JOBS_TABLE,
                JobsTable.name("jf-elsewhere"),
                SluiceEnvironment.HISTORY_RETENTION,
                "P3D",
                SluiceEnvironment.IDEMPOTENCY_WINDOW,
                "PT1H",
                JobOverrides.environmentName("maxAttempts"),
                "2",
                JobOverrides.environmentName("timeout"),
                "PT20S",
                "SLUICE_GREETING_WORD",
                "hello");
        LocalSqs.Queue queue = localSqs.queue("jf-greeting-normal", 100);
        try (JobFunction function = JobFunction.from(
                new Catalogue(List.of(greeting())), environment, clients().withClock(new SettableClock(T0)))) {
            assertEquals(2, function.definition().maxAttempts());
            assertEquals(Duration.ofSeconds(20), function.definition().timeout());
            localSqs.client()
                    .sendMessage(
                            r -> r.queueUrl(queue.url())
                                    .messageBody(
                                            "{\"specVersion\":\"1\",\"jobId\":\"greet-1\",\"type\":\"greeting\",\"payload\":{\"name\":\"Ada\"}}"));

            SQSBatchResponse response = function.handle(
                    LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));

            assertTrue(response.getBatchItemFailures().isEmpty());
        }
        JobRecord record = new DynamoDbJobStore(
                        dynamoDb.client(), JobsTable.name("jf-elsewhere"), JobStore.Retention.DEFAULT)
                .get("greet-1")
                .orElseThrow(() -> new AssertionError("history is in the table SLUICE_JOBS_TABLE names"));
        assertEquals(JobState.SUCCEEDED, record.state());
        assertEquals("hello Ada", record.result(), "the handler was built with the environment as its configuration");
        assertEquals(
                T0.plus(Duration.ofDays(3)),
                record.expiresAt(),
                "kept for SLUICE_HISTORY_RETENTION, the longer of the two");
    }

    @Test
    void aJobOfAnUnknownTypeIsDeadLetteredAndRecordedUnderItsIdSoFailuresCountWhatTheDlqHolds() {
        LocalSqs.Queue queue = localSqs.queue("jf-greeting-unknown", 100);
        try (JobFunction function = JobFunction.from(
                new Catalogue(List.of(greeting())),
                environment(SluiceEnvironment.APP, "jf", SluiceEnvironment.JOBS_TABLE, JobsTable.name("jf-elsewhere")),
                clients().withClock(new SettableClock(T0)))) {
            localSqs.client()
                    .sendMessage(r -> r.queueUrl(queue.url())
                            .messageBody(
                                    "{\"specVersion\":\"1\",\"jobId\":\"stray-1\",\"type\":\"fax\",\"payload\":{}}"));
            function.handle(LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
        }
        JobRecord record = new DynamoDbJobStore(
                        dynamoDb.client(), JobsTable.name("jf-elsewhere"), JobStore.Retention.DEFAULT)
                .get("stray-1")
                .orElseThrow(() -> new AssertionError("a dead-lettered job with an id has a history record"));
        assertEquals(JobState.DEAD_LETTERED, record.state());
        assertEquals("unknown-type", record.deadLetterReason());
    }

    @Test
    void aNotBeforeFurtherAheadThanTheDeadLetterRetentionIsRefusedNotWaitedForForEver() {
        LocalSqs.Queue queue = localSqs.queue("jf-greeting-not-before", 100);
        try (JobFunction function = JobFunction.from(
                new Catalogue(List.of(greeting())),
                environment(SluiceEnvironment.APP, "jf", SluiceEnvironment.JOBS_TABLE, JobsTable.name("jf-elsewhere")),
                clients().withClock(new SettableClock(T0)))) {
            long farAhead = T0.plus(Duration.ofDays(30)).toEpochMilli();
            localSqs.client()
                    .sendMessage(r -> r.queueUrl(queue.url())
                            .messageBody("{\"specVersion\":\"1\",\"jobId\":\"far-1\",\"type\":\"greeting\","
                                    + "\"payload\":{\"name\":\"Ada\"}}")
                            .messageAttributes(Map.of(
                                    DeferralAttributes.NOT_BEFORE,
                                    software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder()
                                            .dataType("Number")
                                            .stringValue(Long.toString(farAhead))
                                            .build())));
            function.handle(LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
        }
        List<software.amazon.awssdk.services.sqs.model.Message> dead = receiveOne(queue.deadLetterUrl());
        String reason =
                dead.get(0).messageAttributes().get("sluice-dead-letter-reason").stringValue();
        String detail =
                dead.get(0).messageAttributes().get("sluice-dead-letter-detail").stringValue();
        assertEquals("invalid-envelope", reason);
        assertTrue(detail.contains("is more than 14 days ahead"), detail);
    }

    @Test
    void metricsArePublishedUnlessTheEnvironmentTurnsThemOff() {
        LocalSqs.Queue queue = localSqs.queue("sluice-greeting-normal", 100);
        for (String setting : List.of("on", "off")) {
            try (JobFunction function = JobFunction.from(
                            new Catalogue(List.of(greeting())),
                            environment(SluiceEnvironment.METRICS, setting),
                            JobFunction.Clients.withoutJobState(new SqsQueueOperations(localSqs.client())));
                    StdoutCapture out = new StdoutCapture()) {
                localSqs.client()
                        .sendMessage(r -> r.queueUrl(queue.url())
                                .messageBody("{\"specVersion\":\"1\",\"jobId\":\"metrics-" + setting
                                        + "\",\"type\":\"greeting\",\"payload\":{\"name\":\"Ada\"}}"));
                function.handle(LocalSqs.eventOf(queue.arn(), receiveOne(queue.url())), new TestLambdaContext(60_000));
                boolean published = out.lines().stream().anyMatch(line -> line.contains("\"_aws\""));
                assertEquals(setting.equals("on"), published, "SLUICE_METRICS=" + setting + " printed: " + out.lines());
            }
        }
    }

    @Test
    void overridesAppliedAgainToACatalogueThatAlreadyHasThemChangeNothing() {
        // sluice-local derives its queues from the overridden catalogue and passes the same overrides in the
        // environment.
        JobDefinition keyed = JobDefinitionBuilder.job("greeting")
                .handlerClass(GreetingJob.class.getName())
                .payloadClass(GreetingJob.Payload.class.getName())
                .rateLimit(new RateLimitSpec(0, 3, 0, Duration.ZERO, "name"))
                .build();
        JobOverrides overrides = new JobOverrides(Map.of(
                "maxAttempts",
                "3",
                "backoff.initial",
                "PT2H",
                "backoff.max",
                "PT3H",
                "rateLimit.perHour",
                "5",
                "rateLimit.key",
                ""));
        Catalogue overridden = new Catalogue(List.of(keyed)).withOverrides(type -> overrides);
        Map<String, String> environment = environment();
        overrides.values().forEach((key, value) -> environment.put(JobOverrides.environmentName(key), value));

        try (JobFunction function = JobFunction.from(overridden, environment, clients())) {
            assertEquals(overrides.applyTo(keyed), function.definition());
            // An empty value is skipped when read from an environment: the key stays removed, as the first application
            // left it.
            assertEquals(
                    new RateLimitSpec(0, 5, 0, Duration.ZERO, null),
                    function.definition().rateLimit());
        }
    }

    @Test
    void withoutAJobTypeTheFunctionSaysWhichVariableToSet() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JobFunction.from(
                        new Catalogue(List.of(greeting())), Map.of(SluiceEnvironment.APP, "jf"), clients()));
        assertEquals("SLUICE_JOB_TYPE is not set; it must name the job type this function runs", e.getMessage());
    }

    @Test
    void aMalformedRetentionNamesTheVariableAndTheValue() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JobFunction.from(
                        new Catalogue(List.of(greeting())),
                        environment(SluiceEnvironment.HISTORY_RETENTION, "30 days"),
                        clients()));
        assertEquals(
                "SLUICE_HISTORY_RETENTION='30 days' is not an ISO-8601 duration such as P30D or PT24H", e.getMessage());
    }

    @Test
    void aTypeWithRateLimitsIsRefusedWithoutTheJobStateThatCountsThem() {
        JobDefinition limited = JobDefinitionBuilder.job("greeting")
                .handlerClass(GreetingJob.class.getName())
                .payloadClass(GreetingJob.Payload.class.getName())
                .rateLimit(new RateLimitSpec(0, 3, 0, Duration.ZERO, null))
                .build();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JobFunction.from(
                        new Catalogue(List.of(limited)),
                        environment(),
                        JobFunction.Clients.withoutJobState(new SqsQueueOperations(localSqs.client()))));
        assertTrue(e.getMessage().startsWith("job type 'greeting' has rate limits"), e.getMessage());
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
