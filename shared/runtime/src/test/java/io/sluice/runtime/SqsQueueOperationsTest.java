package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.DeferralAttributes;
import io.sluice.envelope.MessageSize;
import io.sluice.testing.LocalSqs;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The runtime's own sends hold to SQS's size limit as AWS counts it (body and attributes), which ElasticMQ does not
 * check: a job at the producers' limit can always be dead-lettered and deferred with its reason.
 */
class SqsQueueOperationsTest {
    private static LocalSqs localSqs;
    private static SqsQueueOperations queues;

    @BeforeAll
    static void start() {
        localSqs = LocalSqs.start();
        queues = new SqsQueueOperations(localSqs.client(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        localSqs.close();
    }

    /** A message as Lambda hands it over: sent for real, received with every attribute. */
    private static SQSMessage received(
            LocalSqs.Queue queue, String body, Map<String, MessageAttributeValue> attributes) {
        localSqs.client()
                .sendMessage(r -> r.queueUrl(queue.url()).messageBody(body).messageAttributes(attributes));
        return LocalSqs.eventOf(queue.arn(), receiveOne(queue.url()))
                .getRecords()
                .get(0);
    }

    private static List<Message> receiveOne(String url) {
        for (int i = 0; i < 20; i++) {
            List<Message> messages = localSqs.receive(url, 1, 1);
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new AssertionError("no message came to " + url);
    }

    private static int sizeAsSqsCountsIt(Message m) {
        int size = MessageSize.body(m.body());
        for (Map.Entry<String, MessageAttributeValue> a : m.messageAttributes().entrySet()) {
            size += MessageSize.attribute(
                    a.getKey(), a.getValue().dataType(), a.getValue().stringValue());
        }
        return size;
    }

    private static String bodyOf(int bytes) {
        return "{\"x\":\"" + "x".repeat(bytes - 8) + "\"}";
    }

    @Test
    void aJobAtTheProducersLimitIsDeadLetteredWithItsReasonWithinTheQueuesLimit() {
        LocalSqs.Queue queue = localSqs.queue("size-dead-letter", 10);
        Map<String, MessageAttributeValue> producers = new HashMap<>();
        // The producer's own attributes count too: 2,000 bytes of them, beside a body that fills the producer limit.
        producers.put(
                "trace",
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue("t".repeat(1_990))
                        .build());
        String body = bodyOf(MessageSize.PRODUCER_LIMIT - 2_000);
        SQSMessage message = received(queue, body, producers);

        queues.deadLetter(queue.arn(), message, DeadLetterReason.INVALID_PAYLOAD, "d".repeat(5_000), 3);

        Message dead = receiveOne(queue.deadLetterUrl()).get(0);
        assertEquals(body, dead.body(), "the body is never cut");
        assertEquals(
                "invalid-payload",
                dead.messageAttributes().get(DeadLetterReason.ATTRIBUTE).stringValue());
        assertNotNull(dead.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE));
        assertTrue(sizeAsSqsCountsIt(dead) <= MessageSize.QUEUE_LIMIT, sizeAsSqsCountsIt(dead) + " bytes");
    }

    @Test
    void aCopyThatCannotFitDropsTheProducersAttributesThenCutsTheDetail() {
        LocalSqs.Queue queue = localSqs.queue("size-shrink", 10);
        Map<String, MessageAttributeValue> producers = new HashMap<>();
        producers.put(
                "trace",
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue("t".repeat(3_000))
                        .build());
        String body = bodyOf(MessageSize.QUEUE_LIMIT - 3_100);
        SQSMessage message = received(queue, body, producers);

        queues.deadLetter(queue.arn(), message, DeadLetterReason.PERMANENT_FAILURE, "why ".repeat(250), 1);

        Message dead = receiveOne(queue.deadLetterUrl()).get(0);
        assertFalse(dead.messageAttributes().containsKey("trace"), "the producer's attribute made way for the reason");
        assertEquals(
                "permanent-failure",
                dead.messageAttributes().get(DeadLetterReason.ATTRIBUTE).stringValue());
        assertTrue(sizeAsSqsCountsIt(dead) <= MessageSize.QUEUE_LIMIT, sizeAsSqsCountsIt(dead) + " bytes");
    }

    @Test
    void aDetailCutToFitNeverEndsInHalfASurrogatePair() {
        LocalSqs.Queue queue = localSqs.queue("size-surrogates", 10);
        SQSMessage message = received(queue, bodyOf(MessageSize.QUEUE_LIMIT - 1_500), Map.of());

        // 1,024 characters of detail are kept at most; here even fewer fit, and every cut lands between emoji.
        queues.deadLetter(queue.arn(), message, DeadLetterReason.PERMANENT_FAILURE, "\uD83D\uDE00".repeat(2_000), 1);

        String detail = receiveOne(queue.deadLetterUrl())
                .get(0)
                .messageAttributes()
                .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                .stringValue();
        for (int i = 0; i < detail.length(); i++) {
            char c = detail.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertTrue(
                        i + 1 < detail.length() && Character.isLowSurrogate(detail.charAt(i + 1)), "lone half at " + i);
                i++;
            } else {
                assertFalse(Character.isLowSurrogate(c), "lone low half at " + i);
            }
        }
    }

    @Test
    void aDeferredCopyOfAJobAtTheProducersLimitFitsWithItsNotBeforeTime() {
        LocalSqs.Queue queue = localSqs.queue("size-defer", 10);
        String body = bodyOf(MessageSize.PRODUCER_LIMIT);
        SQSMessage message = received(queue, body, Map.of());
        Instant notBefore = Instant.now().plusSeconds(60);

        queues.resend(queue.arn(), message, Duration.ZERO, notBefore, Map.of(DeferralAttributes.COUNT, "1"));

        Message copy = receiveOne(queue.url()).get(0);
        assertEquals(body, copy.body());
        assertEquals(
                Long.toString(notBefore.toEpochMilli()),
                copy.messageAttributes().get(DeferralAttributes.NOT_BEFORE).stringValue());
        assertTrue(sizeAsSqsCountsIt(copy) <= MessageSize.QUEUE_LIMIT, sizeAsSqsCountsIt(copy) + " bytes");
    }

    /**
     * A body 50 bytes under SQS's limit (a raw-SDK producer's; 262,094 bytes looped for ever before): the copy keeps
     * the reason and leaves out the detail (it is in the job's history), the attempts and the source queue, and is
     * dead-lettered within the limit.
     */
    @Test
    void aBodyThatLeavesRoomForTheReasonAloneIsDeadLetteredWithTheReasonOnly() {
        LocalSqs.Queue queue = localSqs.queue("size-reason-only", 10);
        String body = bodyOf(MessageSize.QUEUE_LIMIT - 50);
        SQSMessage message = received(queue, body, Map.of());

        queues.deadLetter(queue.arn(), message, DeadLetterReason.INVALID_ENVELOPE, "detail ".repeat(100), 1);

        Message dead = receiveOne(queue.deadLetterUrl()).get(0);
        assertEquals(body, dead.body());
        assertEquals(Map.of(DeadLetterReason.ATTRIBUTE, "invalid-envelope"), texts(dead));
        assertTrue(sizeAsSqsCountsIt(dead) <= MessageSize.QUEUE_LIMIT, sizeAsSqsCountsIt(dead) + " bytes");
    }

    /** A body at SQS's limit leaves room for no attribute: it is dead-lettered all the same, its reason in history. */
    @Test
    void aBodyAtTheQueuesLimitIsDeadLetteredWithoutAttributesRatherThanLooping() {
        LocalSqs.Queue queue = localSqs.queue("size-at-limit", 10);
        String body = bodyOf(MessageSize.QUEUE_LIMIT);
        SQSMessage message = received(queue, body, Map.of());

        queues.deadLetter(queue.arn(), message, DeadLetterReason.UNSUPPORTED_SPEC_VERSION, "detail", 1);

        Message dead = receiveOne(queue.deadLetterUrl()).get(0);
        assertEquals(body, dead.body());
        assertEquals(Map.of(), texts(dead));
    }

    private static Map<String, String> texts(Message m) {
        Map<String, String> texts = new HashMap<>();
        m.messageAttributes().forEach((name, value) -> texts.put(name, value.stringValue()));
        return texts;
    }
}
