package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.moto.OutageProxy;
import io.sluice.moto.TableCreator;
import io.sluice.store.DynamoDbJobStore;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A job store outage, for real: moto behind a proxy that answers 503 as DynamoDB does, the SDK's own retries, ElasticMQ
 * and the composition root. The job is not at fault, so no attempt is spent, the delay grows with its receives, the job
 * succeeds once the store is back, and only on the last receive the redrive budget allows is it dead-lettered, by the
 * runtime, with {@code runtime-error} and the error.
 */
class MachineryFailureTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static LocalSqs localSqs;
    private static OutageProxy proxy;
    private static DynamoDbClient throughProxy;

    /** Counts its runs: an outage must never run the handler. */
    public static final class CountingJob implements JobHandler<CountingJob.Payload> {
        static final AtomicInteger RUNS = new AtomicInteger();

        public record Payload(String note) {}

        @Override
        public JobResult handle(Payload payload, JobContext context) {
            RUNS.incrementAndGet();
            return JobResult.of("ran");
        }
    }

    private static final JobDefinition COUNTING = JobDefinitionBuilder.job("counting")
            .handlerClass(CountingJob.class.getName())
            .payloadClass(CountingJob.Payload.class.getName())
            .build();

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("mf"));
        proxy = OutageProxy.to(dynamoDb.endpoint());
        throughProxy = MotoDynamoDb.clientFor(proxy.endpoint());
    }

    @AfterAll
    static void stop() {
        throughProxy.close();
        proxy.close();
        localSqs.close();
    }

    private static JobFunction function() {
        Map<String, String> environment = new HashMap<>();
        environment.put(SluiceEnvironment.JOB_TYPE, "counting");
        environment.put(SluiceEnvironment.APP, "mf");
        environment.put(SluiceEnvironment.METRICS, "off");
        return JobFunction.from(
                new Catalogue(List.of(COUNTING)),
                environment,
                JobFunction.Clients.of(new SqsQueueOperations(localSqs.client()), throughProxy));
    }

    private static void send(LocalSqs.Queue queue, String jobId) {
        localSqs.client()
                .sendMessage(r -> r.queueUrl(queue.url())
                        .messageBody("{\"specVersion\":\"1\",\"jobId\":\"" + jobId
                                + "\",\"type\":\"counting\",\"payload\":{\"note\":\"n\"}}"));
    }

    private static List<Message> receive(LocalSqs.Queue queue, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            List<Message> messages = localSqs.receive(queue.url(), 10, 1);
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new AssertionError("no message became visible in " + queue.url() + " within " + within);
    }

    private static JobStore history() {
        return new DynamoDbJobStore(dynamoDb.client(), JobsTable.name("mf"), JobStore.Retention.DEFAULT);
    }

    @Test
    void aShortOutageSpendsNoAttemptAndTheJobSucceedsOnceTheStoreIsBack() {
        LocalSqs.Queue queue = localSqs.queue("mf-counting-short", Topology.maxReceiveCount(COUNTING));
        int runsBefore = CountingJob.RUNS.get();
        try (JobFunction function = function()) {
            send(queue, "outage-short-1");
            proxy.down(true);
            SQSEvent during = LocalSqs.eventOf(queue.arn(), receive(queue, Duration.ofSeconds(10)));
            function.handle(during, new TestLambdaContext(60_000));
            assertTrue(proxy.refused() > 0, "the store was asked and refused");
            assertEquals(runsBefore, CountingJob.RUNS.get(), "nothing ran while the store was down");
            assertEquals(
                    "0",
                    localSqs.client()
                            .getQueueAttributes(r -> r.queueUrl(queue.deadLetterUrl())
                                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            .attributes()
                            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));

            proxy.down(false);
            // The first receive's delay is 5 s; the message is back after it, on its second receive.
            List<Message> again = receive(queue, Duration.ofSeconds(30));
            assertEquals("2", again.get(0).attributesAsStrings().get("ApproximateReceiveCount"));
            function.handle(LocalSqs.eventOf(queue.arn(), again), new TestLambdaContext(60_000));
        }
        assertEquals(runsBefore + 1, CountingJob.RUNS.get());
        var record = history().get("outage-short-1").orElseThrow();
        assertEquals(JobState.SUCCEEDED, record.state());
        assertEquals(1, record.attempts().size(), "the outage cost no attempt: " + record.attempts());
    }

    @Test
    void onTheLastReceiveTheRedriveAllowsTheRuntimeDeadLettersWithTheReasonAndTheError() {
        int budget = Topology.maxReceiveCount(COUNTING);
        LocalSqs.Queue queue = localSqs.queue("mf-counting-long", budget);
        try (JobFunction function = function()) {
            send(queue, "outage-long-1");
            proxy.down(true);
            List<Message> messages = receive(queue, Duration.ofSeconds(10));
            SQSEvent event = LocalSqs.eventOf(queue.arn(), messages);
            // What Lambda delivers on the last receive before SQS's redrive would move the message without a reason.
            event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", Integer.toString(budget));
            // The runtime's history write, retried while the invocation has time, records the reason once the store is
            // back.
            // Once the dead-letter copy is in the DLQ (the claim was refused for good), the store comes back.
            Thread storeBack = new Thread(() -> {
                Instant until = Instant.now().plusSeconds(30);
                while (Instant.now().isBefore(until)
                        && !"1"
                                .equals(localSqs.client()
                                        .getQueueAttributes(r -> r.queueUrl(queue.deadLetterUrl())
                                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                                        .attributes()
                                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                proxy.down(false);
            });
            storeBack.start();
            function.handle(event, new TestLambdaContext(60_000));
            storeBack.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            proxy.down(false);
        }
        var record = history()
                .get("outage-long-1")
                .orElseThrow(() -> new AssertionError("history written once the store was back"));
        assertEquals(JobState.DEAD_LETTERED, record.state());
        assertEquals("runtime-error", record.deadLetterReason());
        List<Message> dead = receive(new LocalSqs.Queue(queue.deadLetterUrl(), null, null), Duration.ofSeconds(10));
        Map<String, String> attributes = new HashMap<>();
        dead.get(0).messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
        assertEquals(DeadLetterReason.RUNTIME_ERROR.wireName(), attributes.get(DeadLetterReason.ATTRIBUTE));
        String detail = attributes.get(DeadLetterReason.DETAIL_ATTRIBUTE);
        assertTrue(detail.startsWith("job store unavailable on receive " + budget + " of " + budget + ": "), detail);
    }
}
