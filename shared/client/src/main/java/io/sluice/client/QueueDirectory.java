package io.sluice.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Queue URLs and ARNs by queue name, looked up once per queue and kept: a producer sends many jobs to few
 * queues, so a lookup per send would double its SQS calls.
 */
final class QueueDirectory {
    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, String> arns = new ConcurrentHashMap<>();

    QueueDirectory(SqsClient sqs) {
        this.sqs = sqs;
    }

    String url(String queueName) {
        return urls.computeIfAbsent(queueName, name -> {
            try {
                return sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                throw new IllegalStateException(
                        "queue " + name + " does not exist; is the stack deployed (or sluice-local up) with this"
                                + " job type, and is the client's app name right?",
                        e);
            }
        });
    }

    String arn(String queueName) {
        return arns.computeIfAbsent(
                queueName,
                name -> sqs.getQueueAttributes(r -> r.queueUrl(url(name)).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN));
    }
}
