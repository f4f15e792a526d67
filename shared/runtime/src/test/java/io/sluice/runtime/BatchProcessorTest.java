package io.sluice.runtime;

import static io.sluice.catalogue.JobDefinitionBuilder.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.Jitter;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.TestLambdaContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The batch runtime against a real SQS API (ElasticMQ, embedded), fed with SQS events built from real
 * ReceiveMessage results, the way Lambda's event source mapping builds them. Lambda's own part, deleting
 * the messages a partial batch response does not name, is done by {@link #acknowledge}.
 *
 * <p>No assertion measures time: where SQS is to hold a message back, the test checks that it is not
 * receivable at once and that it comes back later, polling with a bounded loop.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Handling errors for an SQS event source in Lambda</a>
 */
class BatchProcessorTest {
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final int PLENTY_OF_TIME = 60_000;

    private static SQSRestServer server;
    private static SqsClient sqs;

    private final ExecutorService lanes = Executors.newFixedThreadPool(10);
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void startSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion("us-east-1")
                .withAWSAccountId("123456789012")
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopSqs() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.stopAndWait();
        }
    }

    @AfterEach
    void stopThreads() {
        lanes.shutdownNow();
        watchdog.shutdownNow();
    }

    // --- fixtures ---

    /** A source queue with its DLQ, wired by a RedrivePolicy as the CDK app does. */
    record Queue(String url, String arn, String dlqUrl, boolean fifo) {}

    private static Queue createQueues(boolean fifo, int maxReceiveCount) {
        String base = "sluice-testjob-" + QUEUES.incrementAndGet();
        String suffix = fifo ? ".fifo" : "";
        Map<QueueAttributeName, String> dlqAttributes = new HashMap<>();
        if (fifo) {
            dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String dlqUrl = sqs.createQueue(r -> r.queueName(base + "-dlq" + suffix).attributes(dlqAttributes))
                .queueUrl();
        String dlqArn = arnOf(dlqUrl);
        Map<QueueAttributeName, String> attributes = new HashMap<>(dlqAttributes);
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
        attributes.put(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}");
        String url = sqs.createQueue(r -> r.queueName(base + suffix).attributes(attributes))
                .queueUrl();
        return new Queue(url, arnOf(url), dlqUrl, fifo);
    }

    private static String arnOf(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private static String envelope(String jobId, String type, String payload) {
        return "{\"specVersion\":\"1\",\"jobId\":\"" + jobId + "\",\"type\":\"" + type + "\",\"payload\":" + payload
                + "}";
    }

    private static String envelope(String jobId, String action) {
        return envelope(jobId, "testjob", "{\"action\":\"" + action + "\"}");
    }

    /** Sends bodies in order; on FIFO queues each body's group is given as "group|body". */
    private static Map<String, String> send(Queue queue, String... bodies) {
        Map<String, String> idsByBody = new LinkedHashMap<>();
        for (String entry : bodies) {
            String group = queue.fifo() ? entry.substring(0, entry.indexOf('|')) : null;
            String body = queue.fifo() ? entry.substring(entry.indexOf('|') + 1) : entry;
            String id = sqs.sendMessage(r -> {
                        r.queueUrl(queue.url()).messageBody(body);
                        if (group != null) {
                            r.messageGroupId(group).messageDeduplicationId(Integer.toHexString(body.hashCode()));
                        }
                    })
                    .messageId();
            idsByBody.put(body, id);
        }
        return idsByBody;
    }

    /** Receives exactly {@code count} messages (bounded wait), in the order SQS hands them out. */
    private static List<Message> receive(String url, int count) {
        List<Message> received = new ArrayList<>();
        for (int round = 0; round < 20 && received.size() < count; round++) {
            int missing = count - received.size();
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(Math.min(10, missing))
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                    .messages());
        }
        assertEquals(count, received.size(), "messages received from " + url);
        return received;
    }

    /** What is receivable right now, without waiting. */
    private static List<Message> receiveNow(String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /** The SQS event Lambda's event source mapping would deliver for these messages. */
    private static SQSEvent eventOf(Queue queue, List<Message> messages) {
        return LocalSqs.eventOf(queue.arn(), messages);
    }

    /** Lambda's part of a partial batch response: delete every message the response does not name. */
    private static void acknowledge(Queue queue, List<Message> messages, SQSBatchResponse response) {
        Set<String> failed = failedIds(response);
        List<DeleteMessageBatchRequestEntry> entries = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId().replaceAll("[^A-Za-z0-9_-]", ""))
                        .receiptHandle(m.receiptHandle())
                        .build())
                .collect(Collectors.toList());
        if (!entries.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queue.url()).entries(entries));
        }
    }

    private static Set<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
    }

    private static List<String> failedIdsInOrder(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toList());
    }

    /**
     * Polls until {@code count} messages are receivable again, in the order they come; fails after a generous
     * bound. Each received message is deleted, as a consumer would, because on a FIFO queue a message in
     * flight holds back the rest of its group.
     */
    private static List<Message> awaitReceivable(String url, int count) {
        List<Message> received = new ArrayList<>();
        for (int round = 0; round < 30 && received.size() < count; round++) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                            .messageAttributeNames("All"))
                    .messages();
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
            received.addAll(batch);
        }
        if (received.size() < count) {
            fail("only " + received.size() + " of " + count + " messages became receivable again on " + url);
        }
        return received;
    }

    private static JobDefinition.Builder testjob() {
        return job("testjob")
                .handlerClass(TestJob.class.getName())
                .payloadClass(TestJob.Payload.class.getName())
                .validatorClass(TestJob.Validator.class.getName())
                .backoff(new RetryPolicy(Duration.ofSeconds(4), 2.0, Duration.ofSeconds(4), Jitter.NONE))
                .timeout(Duration.ofSeconds(5));
    }

    private BatchProcessor processor(JobDefinition definition, TestJob handler, JobDefinition... others) {
        return processor(List.of(), definition, handler, others);
    }

    private BatchProcessor processor(
            List<OutcomeListener> listeners, JobDefinition definition, TestJob handler, JobDefinition... others) {
        List<JobDefinition> all = new ArrayList<>(List.of(definition));
        all.addAll(List.of(others));
        JobPipeline<TestJob.Payload> pipeline = JobPipeline.builder(
                        definition.validated(), new Catalogue(all), handler, TestJob.Payload.class)
                .random(() -> 0.5)
                .watchdog(watchdog)
                .build();
        return new BatchProcessor(pipeline, new SqsQueueOperations(sqs), lanes, listeners);
    }

    private static Message only(List<Message> messages) {
        assertEquals(1, messages.size(), messages.toString());
        return messages.get(0);
    }

    private static String attribute(Message m, String name) {
        var value = m.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    // --- standard queues ---

    @Test
    void reportsOnlyTheRetryableFailureOfAMixedBatch() {
        Queue queue = createQueues(false, 5);
        Map<String, String> ids =
                send(queue, envelope("good-1", "ok"), envelope("flaky-1", "fail"), envelope("doomed-1", "permanent"));
        String flakyId = ids.get(envelope("flaky-1", "fail"));
        List<Message> messages = receive(queue.url(), 3);
        TestJob handler = new TestJob();

        SQSBatchResponse response = processor(testjob().build(), handler)
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));
        acknowledge(queue, messages, response);

        assertEquals(List.of(flakyId), failedIdsInOrder(response));
        assertEquals(Set.of("good-1", "flaky-1", "doomed-1"), Set.copyOf(handler.ran));
    }

    @Test
    void tellsEveryListenerEveryOutcomeAfterItsSideEffectInOrderAndOneThatThrowsStopsNoOther() {
        Queue queue = createQueues(false, 5);
        send(queue, envelope("heard-1", "ok"), envelope("heard-2", "permanent"));
        List<Message> messages = receive(queue.url(), 2);
        List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        List<OutcomeListener> listeners = List.of(
                settled -> heard.add("first " + settled.outcome().getClass().getSimpleName()),
                settled -> {
                    throw new IllegalStateException("a broken listener");
                },
                settled -> {
                    // Told after the side effect: the dead letter is already in the DLQ.
                    if (settled.outcome() instanceof MessageOutcome.DeadLetter) {
                        assertEquals(1, receiveNow(queue.dlqUrl()).size(), "dead letter in the DLQ before listeners");
                    }
                    heard.add("third " + settled.outcome().getClass().getSimpleName());
                });

        SQSBatchResponse response = processor(listeners, testjob().build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertTrue(failedIdsInOrder(response).isEmpty(), "a throwing listener changes no message's fate");
        assertEquals(
                Set.of("first Succeeded", "third Succeeded", "first DeadLetter", "third DeadLetter"),
                Set.copyOf(heard));
        assertEquals(4, heard.size(), heard.toString());
        for (String kind : List.of("Succeeded", "DeadLetter")) {
            assertTrue(heard.indexOf("first " + kind) < heard.indexOf("third " + kind), "in list order: " + heard);
        }
    }

    @Test
    void delaysARetryableFailureByItsBackoffThroughTheMessageVisibility() {
        Queue queue = createQueues(false, 5);
        String id = send(queue, envelope("flaky-2", "fail")).values().iterator().next();
        List<Message> messages = receive(queue.url(), 1);

        SQSBatchResponse response = processor(testjob().build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));
        assertEquals(List.of(id), failedIdsInOrder(response));
        // The runtime set the visibility to the 4 s backoff (the queue's own is 30 s): gone now, back soon.
        assertTrue(receiveNow(queue.url()).isEmpty(), "a retried message must not be receivable before its backoff");
        Message again = only(awaitReceivable(queue.url(), 1));
        assertEquals(id, again.messageId());
        assertEquals("2", again.attributesAsStrings().get("ApproximateReceiveCount"));
    }

    @Test
    void deadLettersAPermanentFailureWithReasonAndDetail() {
        Queue queue = createQueues(false, 5);
        String body = envelope("doomed-2", "permanent");
        send(queue, body);
        List<Message> messages = receive(queue.url(), 1);

        SQSBatchResponse response = processor(testjob().build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));
        acknowledge(queue, messages, response);

        assertTrue(response.getBatchItemFailures().isEmpty(), "a dead-lettered message is acknowledged, not failed");
        Message dead = only(receive(queue.dlqUrl(), 1));
        assertEquals(body, dead.body());
        assertEquals("permanent-failure", attribute(dead, DeadLetterReason.ATTRIBUTE));
        assertEquals("the account no longer exists", attribute(dead, DeadLetterReason.DETAIL_ATTRIBUTE));
        assertEquals(queue.arn(), attribute(dead, DeadLetterReason.SOURCE_QUEUE_ATTRIBUTE));
        assertEquals("1", attribute(dead, DeadLetterReason.ATTEMPTS_ATTRIBUTE));
        assertTrue(receiveNow(queue.url()).isEmpty(), "the original is gone from the source queue");
    }

    // --- FIFO ---

    @Test
    void fifoHoldsBackTheRestOfAGroupAfterItsFirstFailureWhileOtherGroupsComplete() {
        Queue queue = createQueues(true, 5);
        Map<String, String> ids = send(
                queue,
                "group-a|" + envelope("a1", "ok"),
                "group-a|" + envelope("a2", "fail"),
                "group-a|" + envelope("a3", "ok"),
                "group-b|" + envelope("b1", "ok"),
                "group-b|" + envelope("b2", "ok"));
        List<Message> messages = receive(queue.url(), 5);
        TestJob handler = new TestJob();

        SQSBatchResponse response = processor(testjob().fifo(true).build(), handler)
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));
        acknowledge(queue, messages, response);

        assertEquals(Set.of(ids.get(envelope("a2", "fail")), ids.get(envelope("a3", "ok"))), failedIds(response));
        assertFalse(handler.ran.contains("a3"), "a3 must not run after a2 failed in its group");
        assertTrue(handler.ran.containsAll(List.of("a1", "a2", "b1", "b2")), handler.ran.toString());
        assertTrue(handler.ran.indexOf("b1") < handler.ran.indexOf("b2"), "a group runs in order: " + handler.ran);
        // Both come back after a2's backoff, still in order.
        assertTrue(receiveNow(queue.url()).isEmpty(), "the held-back group must wait for the failed message's backoff");
        List<Message> again = awaitReceivable(queue.url(), 2);
        assertEquals(
                List.of(ids.get(envelope("a2", "fail")), ids.get(envelope("a3", "ok"))),
                again.stream().map(Message::messageId).collect(Collectors.toList()));
    }

    @Test
    void fifoDeadLettersToAFifoDeadLetterQueueKeepingTheGroup() {
        Queue queue = createQueues(true, 5);
        send(queue, "group-c|" + envelope("c1", "permanent"), "group-c|" + envelope("c2", "ok"));
        List<Message> messages = receive(queue.url(), 2);
        TestJob handler = new TestJob();

        SQSBatchResponse response = processor(testjob().fifo(true).build(), handler)
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertTrue(response.getBatchItemFailures().isEmpty(), "a dead-lettered message does not block its group");
        assertEquals(List.of("c1", "c2"), handler.ran);
        Message dead = only(receive(queue.dlqUrl(), 1));
        assertEquals("group-c", dead.attributesAsStrings().get("MessageGroupId"));
        assertEquals("permanent-failure", attribute(dead, DeadLetterReason.ATTRIBUTE));
    }

    // --- deadline ---

    @Test
    void startsNothingWhenTheRemainingTimeIsShorterThanTheJobTimeout() {
        Queue queue = createQueues(false, 5);
        Map<String, String> ids =
                send(queue, envelope("late-1", "ok"), envelope("late-2", "ok"), envelope("late-3", "permanent"));
        List<Message> messages = receive(queue.url(), 3);
        TestJob handler = new TestJob();

        // 4 s left, 5 s job timeout.
        SQSBatchResponse response =
                processor(testjob().build(), handler).process(eventOf(queue, messages), new TestLambdaContext(4_000));

        assertEquals(Set.copyOf(ids.values()), failedIds(response));
        assertEquals(List.of(), handler.ran);
        // Returned with visibility 0: the next poll gets them without waiting out the 30 s visibility timeout.
        List<Message> again = awaitReceivable(queue.url(), 3);
        assertEquals(
                Set.copyOf(ids.values()), again.stream().map(Message::messageId).collect(Collectors.toSet()));
        assertTrue(receiveNow(queue.dlqUrl()).isEmpty());
    }

    @Test
    void stopsStartingMessagesOnceTheRemainingTimeFallsBelowTheJobTimeout() {
        Queue queue = createQueues(true, 5);
        String slow = envelope("slow-1", "testjob", "{\"action\":\"sleep\",\"millis\":2000}");
        Map<String, String> ids = send(
                queue, "group-a|" + slow, "group-a|" + envelope("slow-2", "ok"), "group-a|" + envelope("slow-3", "ok"));
        List<Message> messages = receive(queue.url(), 3);
        TestJob handler = new TestJob();

        // A 3 s job needs 3 s + the 2 s start margin. 6.5 s remain at first; after slow-1 sleeps 2 s, about 4.5 s
        // remain.
        SQSBatchResponse response = processor(
                        testjob().fifo(true).timeout(Duration.ofSeconds(3)).build(), handler)
                .process(eventOf(queue, messages), TestLambdaContext.countingDown(6_500));

        assertEquals(List.of("slow-1"), handler.ran, "only the first message had time to start");
        assertFalse(
                failedIds(response).contains(ids.get(slow)),
                "slow-1 succeeded, so the others were held by the deadline");
        assertEquals(Set.of(ids.get(envelope("slow-2", "ok")), ids.get(envelope("slow-3", "ok"))), failedIds(response));
    }

    // --- attempts and timeouts ---

    @Test
    void deadLettersWithReasonMaxAttemptsWhenTheReceiveCountReachesMaxAttempts() {
        Queue queue = createQueues(false, 10);
        send(queue, envelope("tired-1", "fail"));
        // The first delivery is lost (say the function crashed): the message returns with receive count 2.
        Message first = only(receive(queue.url(), 1));
        sqs.changeMessageVisibility(r ->
                r.queueUrl(queue.url()).receiptHandle(first.receiptHandle()).visibilityTimeout(0));
        List<Message> second = receive(queue.url(), 1);
        assertEquals("2", second.get(0).attributesAsStrings().get("ApproximateReceiveCount"));

        SQSBatchResponse response = processor(testjob().maxAttempts(2).build(), new TestJob())
                .process(eventOf(queue, second), new TestLambdaContext(PLENTY_OF_TIME));
        acknowledge(queue, second, response);

        assertTrue(response.getBatchItemFailures().isEmpty());
        Message dead = only(receive(queue.dlqUrl(), 1));
        assertEquals("max-attempts", attribute(dead, DeadLetterReason.ATTRIBUTE));
        assertEquals(
                "attempt 2 of 2 failed: IllegalStateException: boom",
                attribute(dead, DeadLetterReason.DETAIL_ATTRIBUTE));
        assertEquals("2", attribute(dead, DeadLetterReason.ATTEMPTS_ATTRIBUTE));
    }

    @Test
    void countsAttemptsSpentByEarlierMessagesOfTheJob() {
        Queue queue = createQueues(false, 10);
        send(
                queue,
                "{\"specVersion\":\"1\",\"jobId\":\"deferred-1\",\"type\":\"testjob\",\"attempt\":4,\"payload\":{\"action\":\"fail\"}}");
        List<Message> messages = receive(queue.url(), 1);

        SQSBatchResponse response = processor(testjob().maxAttempts(5).build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(
                "attempt 5 of 5 failed: IllegalStateException: boom",
                attribute(only(receive(queue.dlqUrl(), 1)), DeadLetterReason.DETAIL_ATTRIBUTE));
    }

    @Test
    void interruptsAHandlerThatExceedsTheTimeoutAndRetriesIt() {
        Queue queue = createQueues(false, 5);
        String id = send(queue, envelope("slow-1", "testjob", "{\"action\":\"sleep\",\"millis\":60000}"))
                .values()
                .iterator()
                .next();
        List<Message> messages = receive(queue.url(), 1);
        TestJob handler = new TestJob();

        SQSBatchResponse response = processor(
                        testjob().timeout(Duration.ofSeconds(1)).build(), handler)
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertEquals(List.of(id), failedIdsInOrder(response));
        assertEquals(List.of("slow-1"), handler.interrupted);
        Message again = only(awaitReceivable(queue.url(), 1));
        assertEquals(id, again.messageId());
        assertEquals("2", again.attributesAsStrings().get("ApproximateReceiveCount"));
    }

    @Test
    void deadLettersATimedOutLastAttemptNamingTheTimeout() {
        Queue queue = createQueues(false, 5);
        send(queue, envelope("slow-2", "testjob", "{\"action\":\"sleep\",\"millis\":60000}"));
        List<Message> messages = receive(queue.url(), 1);

        processor(testjob().timeout(Duration.ofSeconds(1)).maxAttempts(1).build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertEquals(
                "attempt 1 of 1 failed: timed out after PT1S (InterruptedException: sleep interrupted)",
                attribute(only(receive(queue.dlqUrl(), 1)), DeadLetterReason.DETAIL_ATTRIBUTE));
    }

    // --- messages that can never run ---

    @Test
    void tellsAnUnknownTypeFromATypeOfAnotherQueue() {
        Queue queue = createQueues(false, 5);
        send(queue, envelope("lost-1", "nosuchtype", "{}"), envelope("lost-2", "othertype", "{}"));
        List<Message> messages = receive(queue.url(), 2);
        JobDefinition other = job("othertype").handlerClass("x.OtherJob").build();

        SQSBatchResponse response = processor(testjob().build(), new TestJob(), other)
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertTrue(response.getBatchItemFailures().isEmpty());
        Map<String, Message> dead = receive(queue.dlqUrl(), 2).stream()
                .collect(Collectors.toMap(m -> attribute(m, DeadLetterReason.ATTRIBUTE), m -> m));
        assertEquals(
                "type 'nosuchtype' is not in the job catalogue; known types: testjob, othertype",
                attribute(dead.get("unknown-type"), DeadLetterReason.DETAIL_ATTRIBUTE));
        assertEquals(
                "type 'othertype' does not belong to this queue, which serves type 'testjob'",
                attribute(dead.get("wrong-queue"), DeadLetterReason.DETAIL_ATTRIBUTE));
    }

    @Test
    void deadLettersInvalidPayloadsNamingTheFieldButNotTheValue() {
        Queue queue = createQueues(false, 5);
        send(
                queue,
                envelope("bad-1", "testjob", "{\"action\":\"sleep\",\"millis\":\"forever-and-ever\"}"),
                envelope("bad-2", "testjob", "{\"action\":\"ok\",\"colour\":\"red\"}"),
                envelope("bad-3", "testjob", "{\"action\":\"dance\"}"));
        List<Message> messages = receive(queue.url(), 3);
        TestJob handler = new TestJob();

        SQSBatchResponse response = processor(testjob().build(), handler)
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(List.of(), handler.ran);
        Map<String, String> details = receive(queue.dlqUrl(), 3).stream()
                .peek(m -> assertEquals("invalid-payload", attribute(m, DeadLetterReason.ATTRIBUTE)))
                .collect(Collectors.toMap(
                        m -> m.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1"),
                        m -> attribute(m, DeadLetterReason.DETAIL_ATTRIBUTE)));
        assertTrue(details.get("bad-1").startsWith("payload.millis: "), details.get("bad-1"));
        assertFalse(
                details.get("bad-1").contains("forever-and-ever"),
                "the value must not reach the DLQ attribute: " + details.get("bad-1"));
        assertEquals("payload.colour: unknown field; Payload has: action, millis", details.get("bad-2"));
        assertEquals("action: must be one of fail, ok, permanent, sleep", details.get("bad-3"));
    }

    @Test
    void deadLettersBodiesThatAreNoEnvelopeWithTheParsersReason() {
        Queue queue = createQueues(false, 5);
        send(
                queue,
                "this is not json",
                "{\"specVersion\":\"2\",\"jobId\":\"v2\",\"type\":\"testjob\",\"payload\":{}}",
                "{\"specVersion\":\"1\",\"jobId\":\"bad priority\",\"type\":\"testjob\",\"payload\":{}}");
        List<Message> messages = receive(queue.url(), 3);

        SQSBatchResponse response = processor(testjob().build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertTrue(response.getBatchItemFailures().isEmpty());
        Set<String> reasons = receive(queue.dlqUrl(), 3).stream()
                .map(m -> attribute(m, DeadLetterReason.ATTRIBUTE))
                .collect(Collectors.toSet());
        assertEquals(Set.of("malformed-json", "unsupported-spec-version", "invalid-envelope"), reasons);
    }

    @Test
    void reportsAPermanentFailureAsFailedWhenThereIsNoDeadLetterQueue() {
        String url = sqs.createQueue(r -> r.queueName("sluice-testjob-no-dlq-" + QUEUES.incrementAndGet()))
                .queueUrl();
        Queue queue = new Queue(url, arnOf(url), null, false);
        String id = send(queue, envelope("doomed-3", "permanent"))
                .values()
                .iterator()
                .next();
        List<Message> messages = receive(url, 1);

        SQSBatchResponse response = processor(testjob().build(), new TestJob())
                .process(eventOf(queue, messages), new TestLambdaContext(PLENTY_OF_TIME));

        assertEquals(
                List.of(id),
                failedIdsInOrder(response),
                "a message that could not be dead-lettered must not be acknowledged");
    }
}
