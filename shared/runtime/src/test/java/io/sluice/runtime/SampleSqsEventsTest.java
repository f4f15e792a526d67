package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.envelope.EnvelopeParser;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sample Lambda SQS events in {@code events/sqs/} are what the event source mapping really sends. */
class SampleSqsEventsTest {
    private static final Path SQS = Path.of("..", "..", "events", "sqs");
    /** Lambda's own serializer matches "Records" and "eventSourceARN" to the POJO's properties ignoring case. */
    private static final JsonMapper LAMBDA_JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static SQSEvent read(String name) throws Exception {
        return LAMBDA_JSON.readValue(SQS.resolve(name).toFile(), SQSEvent.class);
    }

    private static String md5(String body) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }

    private static void assertRealistic(SQSEvent event, String queueName) throws Exception {
        EnvelopeParser parser = new EnvelopeParser();
        for (SQSMessage m : event.getRecords()) {
            assertEquals("aws:sqs", m.getEventSource());
            assertEquals("us-east-1", m.getAwsRegion());
            assertEquals(
                    QueueArn.parse("arn:aws:sqs:us-east-1:123456789012:" + queueName),
                    QueueArn.parse(m.getEventSourceArn()));
            assertEquals(md5(m.getBody()), m.getMd5OfBody(), "md5OfBody of " + m.getMessageId());
            assertTrue(
                    m.getAttributes()
                            .keySet()
                            .containsAll(Set.of(
                                    "ApproximateReceiveCount",
                                    "SentTimestamp",
                                    "SenderId",
                                    "ApproximateFirstReceiveTimestamp")),
                    m.getAttributes().toString());
            assertEquals("testjob", parser.parse(m.getBody()).type());
        }
    }

    @Test
    void standardBatchHasThreeRecordsOfTheNormalQueue() throws Exception {
        SQSEvent event = read("standard-batch.json");
        assertEquals(3, event.getRecords().size());
        assertRealistic(event, "sluice-testjob-normal");
        assertFalse(
                QueueArn.parse(event.getRecords().get(0).getEventSourceArn()).isFifo());
    }

    @Test
    void fifoBatchHasTwoMessageGroupsInSequence() throws Exception {
        SQSEvent event = read("fifo-batch.json");
        assertEquals(4, event.getRecords().size());
        assertRealistic(event, "sluice-testjob-normal.fifo");
        assertTrue(QueueArn.parse(event.getRecords().get(0).getEventSourceArn()).isFifo());
        assertEquals(
                Set.of("tenant-a", "tenant-b"),
                event.getRecords().stream()
                        .map(m -> m.getAttributes().get("MessageGroupId"))
                        .collect(Collectors.toSet()));
        List<BigInteger> sequence = event.getRecords().stream()
                .map(m -> new BigInteger(m.getAttributes().get("SequenceNumber")))
                .collect(Collectors.toList());
        for (int i = 1; i < sequence.size(); i++) {
            assertTrue(sequence.get(i).compareTo(sequence.get(i - 1)) > 0, "sequence numbers rise: " + sequence);
        }
        event.getRecords()
                .forEach(m -> assertFalse(
                        m.getAttributes().get("MessageDeduplicationId").isBlank()));
    }
}
