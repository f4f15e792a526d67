package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.moto.OutageProxy;
import io.sluice.moto.TableCreator;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.testing.TestLambdaContext;
import io.sluice.topology.JobsTable;
import io.sluice.topology.SluiceEnvironment;
import io.sluice.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An invocation that must answer while a lane is still inside a store write: moto behind a proxy that holds every
 * request 3 s, a 4 s invocation, so the answer falls inside the completion write of a job that already succeeded. The
 * response acknowledges the job (it ran), and the lane must be left to finish that write: it used to be interrupted
 * there ({@code AbortedException: Thread was interrupted}), and history said {@code running} for a job whose message
 * was gone. A delivery of the same message afterwards finds the job done and skips it: history and queue agree, and
 * the side effect ran once. The same when the answer falls inside the claim write: the message is reported failed,
 * and the claim, not cut off, leads to the one run; an interrupted claim used to be taken for a store outage, the job
 * deferred behind its own claim until that lapsed.
 */
class LateLaneTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static LocalSqs localSqs;
    private static OutageProxy proxy;
    private static DynamoDbClient throughProxy;

    /** The store-outage test's job, which counts its runs: a late lane's job must run once, its redelivery not at all. */
    private static final Class<MachineryFailureTest.CountingJob> COUNTING_JOB = MachineryFailureTest.CountingJob.class;

    private static final JobDefinition COUNTING = JobDefinitionBuilder.job("latelane")
            .handlerClass(COUNTING_JOB.getName())
            .payloadClass(MachineryFailureTest.CountingJob.Payload.class.getName())
            .timeout(Duration.ofSeconds(1))
            .build();

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("ll"));
        proxy = OutageProxy.to(dynamoDb.endpoint());
        throughProxy = MotoDynamoDb.clientFor(proxy.endpoint());
    }

    @AfterAll
    static void stop() {
        throughProxy.close();
        proxy.close();
        localSqs.close();
    }

    @Test
    void aLaneStillWritingWhenTheInvocationAnswersFinishesItsWriteAndTheRedeliveryIsSkipped() throws Exception {
        SQSEvent event = sendAndReceive("ll-latelane", "late-1");
        int runsBefore = MachineryFailureTest.CountingJob.RUNS.get();
        try (JobFunction function = function()) {
            proxy.delay(Duration.ofSeconds(3));
            // 4 s left: enough to start (timeout 1 s + 2 s margin); the claim takes 3 s, the completion 3 s more, and
            // the invocation answers 0.5 s before its end, inside the completion write.
            SQSBatchResponse late = function.handle(event, TestLambdaContext.countingDown(4_000));
            assertTrue(late.getBatchItemFailures().isEmpty(), "the job succeeded, so its message is acknowledged");

            JobRecord settled = awaitState("late-1", JobState.SUCCEEDED, Duration.ofSeconds(30));
            assertEquals(JobState.SUCCEEDED, settled.state(), "the lane finished its completion write: " + settled);
            assertEquals(runsBefore + 1, MachineryFailureTest.CountingJob.RUNS.get());

            proxy.delay(Duration.ZERO);
            // SQS is at least once: the same message again (a duplicate delivery) must find the completion.
            SQSBatchResponse redelivered = function.handle(event, TestLambdaContext.countingDown(60_000));
            assertTrue(redelivered.getBatchItemFailures().isEmpty(), "the duplicate is acknowledged");
            assertEquals(runsBefore + 1, MachineryFailureTest.CountingJob.RUNS.get(), "and skipped: the job ran once");
            assertEquals(
                    JobState.SUCCEEDED, history().get("late-1").orElseThrow().state());
        } finally {
            proxy.delay(Duration.ZERO);
        }
    }

    @Test
    void aLaneStillClaimingWhenTheInvocationAnswersIsReportedFailedAndItsClaimLeadsToOneRun() throws Exception {
        SQSEvent event = sendAndReceive("ll-latelane-claim", "late-claim-1");
        int runsBefore = MachineryFailureTest.CountingJob.RUNS.get();
        try (JobFunction function = function()) {
            proxy.delay(Duration.ofSeconds(3));
            // 3.2 s left: just enough to start; the invocation answers at 2.7 s, inside the 3 s claim.
            SQSBatchResponse late = function.handle(event, TestLambdaContext.countingDown(3_200));
            assertEquals(
                    List.of(event.getRecords().get(0).getMessageId()),
                    late.getBatchItemFailures().stream()
                            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                            .toList(),
                    "the unfinished message is reported failed, so SQS redelivers it");
            JobRecord settled = awaitState("late-claim-1", JobState.SUCCEEDED, Duration.ofSeconds(30));
            assertEquals(JobState.SUCCEEDED, settled.state(), "the claim was not cut off: " + settled);
            assertEquals(runsBefore + 1, MachineryFailureTest.CountingJob.RUNS.get());

            proxy.delay(Duration.ZERO);
            SQSBatchResponse redelivered = function.handle(event, TestLambdaContext.countingDown(60_000));
            assertTrue(redelivered.getBatchItemFailures().isEmpty(), "the redelivery is acknowledged");
            assertEquals(runsBefore + 1, MachineryFailureTest.CountingJob.RUNS.get(), "and skipped: the job ran once");
        } finally {
            proxy.delay(Duration.ZERO);
        }
    }

    /** Sends one job of the type to a new queue and receives it, as Lambda's poller would hand it over. */
    private static SQSEvent sendAndReceive(String queueName, String jobId) {
        LocalSqs.Queue queue = localSqs.queue(queueName, Topology.maxReceiveCount(COUNTING));
        localSqs.client()
                .sendMessage(r -> r.queueUrl(queue.url())
                        .messageBody("{\"specVersion\":\"1\",\"jobId\":\"" + jobId + "\",\"type\":\"latelane\","
                                + "\"payload\":{\"note\":\"n\"}}"));
        List<Message> messages = localSqs.receive(queue.url(), 10, 5);
        assertEquals(1, messages.size());
        return LocalSqs.eventOf(queue.arn(), messages);
    }

    private static JobFunction function() {
        Map<String, String> environment = new HashMap<>();
        environment.put(SluiceEnvironment.JOB_TYPE, "latelane");
        environment.put(SluiceEnvironment.APP, "ll");
        environment.put(SluiceEnvironment.METRICS, "off");
        return JobFunction.from(
                new Catalogue(List.of(COUNTING)),
                environment,
                JobFunction.Clients.of(new SqsQueueOperations(localSqs.client()), throughProxy));
    }

    private static JobRecord awaitState(String jobId, JobState state, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Optional<JobRecord> record = history().get(jobId);
        while (Instant.now().isBefore(deadline)
                && record.map(r -> r.state() != state).orElse(true)) {
            Thread.sleep(100);
            record = history().get(jobId);
        }
        return record.orElseThrow(() -> new AssertionError("no history for " + jobId));
    }

    private static JobStore history() {
        return new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("ll"), JobStore.Retention.DEFAULT);
    }
}
