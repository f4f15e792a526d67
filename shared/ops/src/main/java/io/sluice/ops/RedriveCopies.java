package io.sluice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.DeferralAttributes;
import io.sluice.envelope.MessageSize;
import io.sluice.envelope.SluiceJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * What a redriven dead letter goes back as, and in which batches: the envelope's attempt back at 0, the runtime's
 * dead-letter and deferral attributes left behind (the producer's own kept), FIFO group and deduplication id kept
 * stable, and batches within SQS's 10 messages and {@value #MAX_BATCH_BYTES} bytes.
 */
final class RedriveCopies {
    /** SQS's limit on a batch's bodies and attributes together (the classic 256 KiB, which every queue accepts). */
    static final long MAX_BATCH_BYTES = MessageSize.QUEUE_LIMIT;

    private static final Set<String> RUNTIME_ATTRIBUTES = Set.of(
            DeadLetterReason.ATTRIBUTE,
            DeadLetterReason.DETAIL_ATTRIBUTE,
            DeadLetterReason.SOURCE_QUEUE_ATTRIBUTE,
            DeadLetterReason.ATTEMPTS_ATTRIBUTE,
            DeferralAttributes.COUNT,
            DeferralAttributes.FIRST_DEFERRED_AT);

    private RedriveCopies() {}

    /** Batches SQS takes: at most 10 messages and {@value #MAX_BATCH_BYTES} bytes of bodies and attributes. */
    static <T> List<List<T>> batches(List<T> chosen, Function<T, Message> message) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long bytes = 0;
        for (T h : chosen) {
            long size = size(message.apply(h));
            if (!current.isEmpty() && (current.size() == 10 || bytes + size > MAX_BATCH_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(h);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** A message's size as SQS counts it towards a batch: body, and each attribute's name, type and value. */
    private static long size(Message m) {
        long size = MessageSize.body(m.body());
        for (Map.Entry<String, MessageAttributeValue> a : m.messageAttributes().entrySet()) {
            size += MessageSize.attribute(
                    a.getKey(), a.getValue().dataType(), a.getValue().stringValue());
        }
        return size;
    }

    /** The message as it goes back: fresh attempt budget, the producer's own attributes kept. */
    static SendMessageRequest copy(QueuePair q, Message m) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        m.messageAttributes().forEach((name, value) -> {
            if (!RUNTIME_ATTRIBUTES.contains(name)) {
                attributes.put(name, value);
            }
        });
        SendMessageRequest.Builder send = SendMessageRequest.builder()
                .queueUrl(q.url())
                .messageBody(freshBody(m.body()))
                .messageAttributes(attributes);
        if (q.name().endsWith(".fifo")) {
            String group = m.attributesAsStrings().get("MessageGroupId");
            send.messageGroupId(group == null ? "redrive" : group).messageDeduplicationId("redrive-" + m.messageId());
        }
        return send.build();
    }

    /** The body with the envelope's {@code attempt} back at 0; any other body unchanged. */
    static String freshBody(String body) {
        try {
            JsonNode node = SluiceJson.mapper().readTree(body);
            if (node instanceof ObjectNode envelope
                    && envelope.has("attempt")
                    && envelope.path("attempt").asInt(0) != 0) {
                envelope.put("attempt", 0);
                return SluiceJson.mapper().writeValueAsString(envelope);
            }
        } catch (Exception e) {
            // Not an envelope: sent back exactly as it came, for the runtime to dead-letter with its reason again.
        }
        return body;
    }
}
