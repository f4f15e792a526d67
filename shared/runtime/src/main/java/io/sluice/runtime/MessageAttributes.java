package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.envelope.DeferralAttributes;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.Priority;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the runtime reads off an SQS message besides its body: the system attributes SQS sets
 * ({@code ApproximateReceiveCount}, {@code SentTimestamp}), the queue its ARN names, and the message attributes the
 * runtime itself wrote on an earlier copy ({@link DeferralAttributes}). A missing or garbled value
 * reads as absent rather than failing the message: these are hints, and the envelope is what decides.
 */
final class MessageAttributes {
    private MessageAttributes() {}

    /** SQS's {@code ApproximateReceiveCount}; 1 when absent. */
    static int receiveCount(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The priority of the queue the message came from (its ARN names it), or {@code null} when it does not say. */
    static Priority queuePriority(SQSMessage message) {
        try {
            return message.getEventSourceArn() == null
                    ? null
                    : QueueArn.parse(message.getEventSourceArn()).priority().orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** When the job was enqueued: the envelope's {@code createdAt}, else SQS's sent time. */
    static Instant enqueuedAt(JobEnvelope envelope, SQSMessage message) {
        if (envelope.createdAt() != null) {
            return envelope.createdAt();
        }
        String sent =
                message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
        try {
            return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The {@value DeferralAttributes#NOT_BEFORE} message attribute a deferral left, if any. */
    static Instant notBefore(SQSMessage message) {
        var attributes = message.getMessageAttributes();
        var value = attributes == null ? null : attributes.get(DeferralAttributes.NOT_BEFORE);
        if (value == null || value.getStringValue() == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.getStringValue()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The string-valued message attributes, by name. */
    static Map<String, String> stringValues(SQSMessage message) {
        Map<String, String> values = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value.getStringValue() != null) {
                    values.put(name, value.getStringValue());
                }
            });
        }
        return values;
    }
}
