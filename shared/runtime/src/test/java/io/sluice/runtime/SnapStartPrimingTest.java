package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.moto.TableCreator;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.testing.TestLambdaContext;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnapStart priming against the real things (ElasticMQ, moto): the CRaC hook runs the rehearsal before the checkpoint,
 * which exercises the store and SQS clients yet writes nothing (no request reaches moto or ElasticMQ, no item and no
 * message appears, the type's own handler never runs), and after a simulated restore the function runs a job and
 * records it.
 */
class SnapStartPrimingTest {
    private static final String APP = "prime";
    private static LocalSqs localSqs;

    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    /** Counts its runs: priming must never call the type's own handler, which has side effects. */
    public static final class CountingJob implements JobHandler<CountingJob.Payload> {
        static final List<String> RAN = new CopyOnWriteArrayList<>();

        public record Payload(String name) {}

        @Override
        public JobResult handle(Payload payload, JobContext context) {
            RAN.add(context.jobId());
            return JobResult.of("hello " + payload.name());
        }
    }

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        TableCreator tables = new TableCreator(dynamoDb.client());
        tables.createIfMissing(JobsTable.spec(APP));
        tables.createIfMissing(RateLimitTable.spec(APP));
    }

    @AfterAll
    static void stop() throws Exception {
        localSqs.close();
    }

    private static Catalogue catalogue() {
        JobDefinition counting = JobDefinitionBuilder.job("counting")
                .handlerClass(CountingJob.class.getName())
                .payloadClass(CountingJob.Payload.class.getName())
                .build();
        return new Catalogue(List.of(counting));
    }

    private static Map<String, String> environment() {
        return Map.of(SluiceEnvironment.JOB_TYPE, "counting", SluiceEnvironment.APP, APP);
    }

    /** Clients as Lambda's: each guarded; the counter sits behind the guard, so it sees only what is sent. */
    private record Guarded(JobFunction.Clients clients, DynamoDbRequestCounter sent, RehearsalGuard dynamoGuard) {
        static Guarded make() {
            RehearsalGuard dynamoGuard = new RehearsalGuard();
            DynamoDbRequestCounter sent = new DynamoDbRequestCounter();
            DynamoDbClient dynamo = dynamoDb.client(dynamoGuard, sent);
            SqsClient sqs = SqsClient.builder()
                    .endpointOverride(localSqs.client()
                            .serviceClientConfiguration()
                            .endpointOverride()
                            .orElseThrow())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new RehearsalGuard()))
                    .build();
            return new Guarded(JobFunction.Clients.of(new SqsQueueOperations(sqs), dynamo), sent, dynamoGuard);
        }
    }

    @Test
    void theCheckpointHookRehearsesTheHotPathAndNothingReachesTheTablesOrTheQueues() {
        LocalSqs.Queue queue = localSqs.queue("prime-counting-normal", 100);
        long itemsBefore = items();
        Guarded guarded = Guarded.make();
        try (JobFunction function = JobFunction.from(catalogue(), environment(), guarded.clients())) {
            SnapStartPriming priming = SnapStartPriming.register(function);
            long stoppedBefore = guarded.dynamoGuard().stopped();
            int ranBefore = CountingJob.RAN.size();

            priming.beforeCheckpoint(null);

            assertTrue(
                    guarded.dynamoGuard().stopped() > stoppedBefore,
                    "the claim was marshalled and signed, then stopped");
            assertEquals(0, guarded.sent().writes(), "no write reached moto");
            assertEquals(0, guarded.sent().reads(), "no read reached moto");
            assertEquals(itemsBefore, items(), "no item in the jobs or rate-limit table");
            assertEquals(ranBefore, CountingJob.RAN.size(), "the type's own handler never ran");
            assertEquals("0", messages(queue.url()));
            assertEquals("0", messages(queue.deadLetterUrl()));
        }
    }

    @Test
    void theRehearsalReportsItsOutcomeWhatItAskedOfSqsAndTheRequestsItStopped() {
        Guarded guarded = Guarded.make();
        try (JobFunction function = JobFunction.from(catalogue(), environment(), guarded.clients())) {
            Rehearsal.Report report = function.prime();

            // The claim is stopped before it leaves, so the rehearsal message ends as a store outage would:
            // postponed (no attempt spent), its visibility change written down by the recorder, not sent to SQS.
            assertEquals("Postponed", report.outcome(), report.toString());
            assertEquals(1, report.queueOperations().size(), report.toString());
            assertTrue(report.queueOperations().get(0).startsWith("changeVisibility"), report.toString());
            assertTrue(report.requestsStopped() >= 2, "the claim and the SQS rehearsal: " + report);
            assertEquals(0, guarded.sent().writes() + guarded.sent().reads());
        }
    }

    @Test
    void afterASimulatedRestoreTheFunctionRunsAJobAndRecordsIt() {
        LocalSqs.Queue queue = localSqs.queue("prime-counting-high", 100);
        Guarded guarded = Guarded.make();
        try (JobFunction function = JobFunction.from(catalogue(), environment(), guarded.clients())) {
            SnapStartPriming priming = SnapStartPriming.register(function);
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            localSqs.client()
                    .sendMessage(r -> r.queueUrl(queue.url())
                            .messageBody("{\"specVersion\":\"1\",\"jobId\":\"restored-1\",\"type\":\"counting\","
                                    + "\"payload\":{\"name\":\"Ada\"}}"));

            SQSBatchResponse response = function.handle(
                    LocalSqs.eventOf(queue.arn(), localSqs.receive(queue.url(), 10, 5)), new TestLambdaContext(60_000));

            assertEquals(List.of(), response.getBatchItemFailures());
            assertTrue(CountingJob.RAN.contains("restored-1"));
            assertEquals(2, guarded.sent().writes(), "the claim and the completion, after the restore only");
        }
        assertEquals(
                JobState.SUCCEEDED,
                new DynamoDbJobStore(dynamoDb.client(), JobsTable.name(APP), JobStore.Retention.DEFAULT)
                        .get("restored-1")
                        .orElseThrow()
                        .state());
    }

    @Test
    void withUnguardedClientsPrimingUsesNoStoreAndSendsNothing() {
        DynamoDbRequestCounter sent = new DynamoDbRequestCounter();
        JobFunction.Clients clients =
                JobFunction.Clients.of(new SqsQueueOperations(localSqs.client()), dynamoDb.client(sent));
        long itemsBefore = items();
        try (JobFunction function = JobFunction.from(catalogue(), environment(), clients)) {
            Rehearsal.Report report = function.prime();

            assertEquals(0, report.requestsStopped(), report.toString());
            assertEquals(0, sent.writes() + sent.reads());
            assertEquals(itemsBefore, items());
        }
    }

    private static long items() {
        DynamoDbClient client = dynamoDb.client();
        return client.scan(r -> r.tableName(JobsTable.name(APP))).count()
                + client.scan(r -> r.tableName(RateLimitTable.name(APP))).count();
    }

    private static String messages(String url) {
        return localSqs
                        .client()
                        .getQueueAttributes(r -> r.queueUrl(url)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes()
                        .entrySet()
                        .stream()
                        .mapToInt(e -> Integer.parseInt(e.getValue()))
                        .sum()
                + "";
    }
}
