package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.DeferralAttributes;
import io.sluice.envelope.MessageSize;
import io.sluice.envelope.SluiceJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@link QueueOperations} on the AWS SDK. Queue URLs and each queue's dead-letter target (read from its
 * {@code RedrivePolicy}, so the runtime needs no naming convention and follows whatever the CDK app or an
 * operator configured) are looked up once per execution environment and cached.
 */
public final class SqsQueueOperations implements QueueOperations {
    /** SQS allows at most 10 message attributes per message. */
    private static final int MAX_ATTRIBUTES = 10;

    private static final int MAX_DETAIL = 1024;
    /** The longest per-message delay SQS accepts. */
    public static final Duration MAX_SEND_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, String> deadLetterArns = new ConcurrentHashMap<>();

    private final Duration maxSendDelay;

    public SqsQueueOperations(SqsClient sqs) {
        this(sqs, MAX_SEND_DELAY);
    }

    /**
     * @param maxSendDelay cap on a deferred copy's {@code DelaySeconds}; SQS's 15 minutes in production,
     *     shorter in tests whose clock is not the queue's
     */
    public SqsQueueOperations(SqsClient sqs, Duration maxSendDelay) {
        this.sqs = sqs;
        this.maxSendDelay = maxSendDelay.compareTo(MAX_SEND_DELAY) > 0 ? MAX_SEND_DELAY : maxSendDelay;
    }

    /** The {@link RehearsalGuard} on this client, if it has one. */
    java.util.Optional<RehearsalGuard> guard() {
        return RehearsalGuard.on(sqs);
    }

    /**
     * Exercises the SQS client (marshaller, endpoint, signer) for SnapStart priming with a request its guard stops
     * before transmission, and that would change nothing if it were sent (a made-up receipt handle); without a guard
     * it does nothing, so an unguarded client never calls SQS while priming.
     */
    void rehearse() {
        if (guard().isEmpty()) {
            return;
        }
        try {
            sqs.changeMessageVisibility(
                    r -> r.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/sluice-priming")
                            .receiptHandle(Rehearsal.JOB_ID)
                            .visibilityTimeout(0));
        } catch (RuntimeException stopped) {
            // expected: the guard stopped it
        }
    }

    @Override
    public void changeVisibility(String queueArn, String receiptHandle, Duration delay) {
        int seconds = (int) Math.min(RetryPolicy.MAX_DELAY.toSeconds(), Math.max(0, ceilSeconds(delay)));
        sqs.changeMessageVisibility(
                r -> r.queueUrl(url(queueArn)).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    }

    @Override
    public void deadLetter(String queueArn, SQSMessage message, DeadLetterReason reason, String detail, int attempts) {
        String dlqArn = deadLetterArns.computeIfAbsent(queueArn, this::readDeadLetterTarget);
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(DeadLetterReason.ATTRIBUTE, text(reason.wireName()));
        attributes.put(DeadLetterReason.DETAIL_ATTRIBUTE, text(truncate(detail)));
        attributes.put(DeadLetterReason.SOURCE_QUEUE_ATTRIBUTE, text(SqsText.safe(queueArn, 256)));
        attributes.put(DeadLetterReason.ATTEMPTS_ATTRIBUTE, number(Integer.toString(attempts)));
        carryOver(message, attributes);
        String body = message.getBody() == null || message.getBody().isEmpty() ? " " : message.getBody();
        // Dead-lettering must never fail for size, or the message loops for ever: what does not fit goes, the
        // detail (kept in history) before the reason, which goes last.
        List<String> dropped = fit(
                body,
                attributes,
                DeadLetterReason.DETAIL_ATTRIBUTE,
                "dead-letter copy",
                List.of(
                        DeadLetterReason.SOURCE_QUEUE_ATTRIBUTE,
                        DeadLetterReason.ATTEMPTS_ATTRIBUTE,
                        DeadLetterReason.DETAIL_ATTRIBUTE,
                        DeadLetterReason.ATTRIBUTE));
        if (!dropped.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(SqsQueueOperations.class)
                    .warn(
                            "dead-letter copy of a {}-byte body sent without {} to fit SQS's {} bytes; reason {}, detail"
                                    + " in the job's history",
                            MessageSize.body(body),
                            dropped,
                            MessageSize.QUEUE_LIMIT,
                            reason.wireName());
        }
        SendMessageRequest.Builder send = SendMessageRequest.builder()
                .queueUrl(url(dlqArn))
                .messageBody(body)
                .messageAttributes(attributes);
        if (QueueArn.parse(dlqArn).isFifo()) {
            Map<String, String> sqsAttributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
            send.messageGroupId(sqsAttributes.getOrDefault("MessageGroupId", "dead-letter"))
                    .messageDeduplicationId(message.getMessageId());
        }
        sqs.sendMessage(send.build());
    }

    @Override
    public void resend(
            String queueArn,
            SQSMessage message,
            Duration delay,
            java.time.Instant notBefore,
            Map<String, String> numberAttributes) {
        int seconds = (int) Math.min(maxSendDelay.toSeconds(), Math.max(0, ceilSeconds(delay)));
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(DeferralAttributes.NOT_BEFORE, number(Long.toString(notBefore.toEpochMilli())));
        numberAttributes.forEach((name, value) -> attributes.put(name, number(value)));
        carryOver(message, attributes);
        fit(message.getBody(), attributes, null, "deferred copy", List.of());
        sqs.sendMessage(r -> r.queueUrl(url(queueArn))
                .messageBody(message.getBody())
                .delaySeconds(seconds)
                .messageAttributes(attributes));
    }

    /**
     * Carries the producer's own string and number attributes over to a copy, after Sluice's (which win a clash), up
     * to SQS's {@value #MAX_ATTRIBUTES}; binary ones are left behind, as the copy is sent as text.
     */
    private static void carryOver(SQSMessage message, Map<String, MessageAttributeValue> attributes) {
        if (message.getMessageAttributes() == null) {
            return;
        }
        message.getMessageAttributes().forEach((name, value) -> {
            if (attributes.size() < MAX_ATTRIBUTES && !attributes.containsKey(name) && value.getStringValue() != null) {
                attributes.put(
                        name,
                        MessageAttributeValue.builder()
                                .dataType(value.getDataType())
                                .stringValue(value.getStringValue())
                                .build());
            }
        });
    }

    private static MessageAttributeValue number(String value) {
        return MessageAttributeValue.builder()
                .dataType("Number")
                .stringValue(value)
                .build();
    }

    /**
     * Makes a copy fit the queues' limit as SQS counts it (body and every attribute's name, type and value; ElasticMQ
     * counts the body only, so this is also what makes sluice-local refuse what AWS refuses): first the producer's
     * own attributes the copy carried over go, newest first, then {@code shrinkable} is cut, then the {@code droppable}
     * attributes go in their order. A body that leaves no room even then is refused here, naming the sizes, as SQS
     * would refuse it; the producer client never sends one ({@link MessageSize#PRODUCER_LIMIT}).
     *
     * @return the {@code droppable} attributes that had to go (none when the copy fitted without dropping them)
     */
    static List<String> fit(
            String body,
            Map<String, MessageAttributeValue> attributes,
            String shrinkable,
            String what,
            List<String> droppable) {
        int size = size(body, attributes);
        if (size <= MessageSize.QUEUE_LIMIT) {
            return List.of();
        }
        List<String> carried = new ArrayList<>();
        attributes.keySet().stream().filter(name -> !name.startsWith("sluice-")).forEach(carried::add);
        Collections.reverse(carried);
        for (String name : carried) {
            attributes.remove(name);
            if (size(body, attributes) <= MessageSize.QUEUE_LIMIT) {
                return List.of();
            }
        }
        if (shrinkable != null && attributes.containsKey(shrinkable)) {
            String text = attributes.get(shrinkable).stringValue();
            int over = size(body, attributes) - MessageSize.QUEUE_LIMIT;
            // Cut by SqsText: never inside a surrogate pair, whose lone half SQS would refuse for ever.
            int keep = Math.max(2, text.length() - over - 16);
            if (keep < text.length()) {
                attributes.put(shrinkable, text(SqsText.safe(text, keep)));
            }
            if (size(body, attributes) <= MessageSize.QUEUE_LIMIT) {
                return List.of();
            }
        }
        List<String> dropped = new ArrayList<>();
        for (String name : droppable) {
            if (attributes.remove(name) != null) {
                dropped.add(name);
            }
            if (size(body, attributes) <= MessageSize.QUEUE_LIMIT) {
                return dropped;
            }
        }
        throw new IllegalStateException("the " + what + " would be " + size(body, attributes) + " bytes with its "
                + attributes.size() + " attributes; SQS takes at most " + MessageSize.QUEUE_LIMIT
                + " (the body alone is " + MessageSize.body(body) + "; producers must stay under "
                + MessageSize.PRODUCER_LIMIT + ")");
    }

    static int size(String body, Map<String, MessageAttributeValue> attributes) {
        int size = MessageSize.body(body);
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            size += MessageSize.attribute(
                    e.getKey(), e.getValue().dataType(), e.getValue().stringValue());
        }
        return size;
    }

    /** The queue URL for an ARN, from GetQueueUrl with the owner account, cached. */
    public String url(String queueArn) {
        return urls.computeIfAbsent(queueArn, arn -> {
            QueueArn parsed = QueueArn.parse(arn);
            return sqs.getQueueUrl(r -> r.queueName(parsed.name()).queueOwnerAWSAccountId(parsed.account()))
                    .queueUrl();
        });
    }

    private String readDeadLetterTarget(String queueArn) {
        String policy = sqs.getQueueAttributes(
                        r -> r.queueUrl(url(queueArn)).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes()
                .get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            throw new IllegalStateException(
                    "queue " + queueArn + " has no RedrivePolicy, so there is no dead-letter queue to send to");
        }
        try {
            JsonNode node = SluiceJson.mapper().readTree(policy);
            return node.path("deadLetterTargetArn").asText();
        } catch (Exception e) {
            throw new IllegalStateException("queue " + queueArn + " has an unreadable RedrivePolicy: " + policy, e);
        }
    }

    private static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value == null || value.isEmpty() ? "-" : value)
                .build();
    }

    private static String truncate(String detail) {
        return SqsText.safe(detail, MAX_DETAIL);
    }
}
