package io.sluice.local.scheduler;

import io.sluice.runtime.QueueArn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Sends a schedule's messages with {@code SendMessage} the way EventBridge Scheduler's templated SQS target
 * does: the body, the FIFO message group id, and no deduplication id, so a FIFO target needs content-based
 * deduplication locally exactly as it does on AWS. The queue is found by the name at the end of its ARN;
 * region and account are not compared, since the local SQS has one of each.
 */
public final class SqsTargetSender implements TargetSender {
    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    public SqsTargetSender(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public String send(QueueArn queue, String body, String messageGroupId, Map<String, String> attributes) {
        String url = urls.computeIfAbsent(
                queue.name(), name -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((k, v) -> values.put(
                k,
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(v)
                        .build()));
        try {
            return sqs.sendMessage(r -> r.queueUrl(url)
                            .messageBody(body)
                            .messageGroupId(messageGroupId)
                            .messageAttributes(values.isEmpty() ? null : values))
                    .messageId();
        } catch (QueueDoesNotExistException e) {
            // The queue was deleted (and may come back under a new URL); look it up afresh next time.
            urls.remove(queue.name());
            throw e;
        }
    }
}
