package io.sluice.local;

import io.sluice.topology.QueueSpec;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates a topology queue and its dead-letter queue on an SQS endpoint, with the attributes the CDK app
 * gives them (visibility timeout, redrive policy, DLQ retention, FIFO). Creating is idempotent: against an
 * endpoint that already has the queue (a restarted LocalStack) the attributes are brought up to date.
 */
final class QueueProvisioner {
    private final SqsClient sqs;

    QueueProvisioner(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The created queue's and DLQ's URLs and ARNs. */
    record Provisioned(QueueSpec spec, String url, String arn, String deadLetterUrl, String deadLetterArn) {}

    Provisioned provision(QueueSpec spec) {
        Map<QueueAttributeName, String> dlqAttributes = new HashMap<>();
        dlqAttributes.put(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                Long.toString(spec.deadLetterRetention().toSeconds()));
        if (spec.fifo()) {
            dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String dlqUrl = create(spec.deadLetterName(), dlqAttributes);
        String dlqArn = arn(dlqUrl);

        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                Long.toString(spec.visibilityTimeout().toSeconds()));
        attributes.put(
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + spec.maxReceiveCount() + "}");
        if (spec.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            // Job ids make every envelope unique, so content-based deduplication only ever drops true duplicates.
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        }
        String url = create(spec.name(), attributes);
        return new Provisioned(spec, url, arn(url), dlqUrl, dlqArn);
    }

    private String create(String name, Map<QueueAttributeName, String> attributes) {
        try {
            return sqs.createQueue(r -> r.queueName(name).attributes(attributes))
                    .queueUrl();
        } catch (QueueNameExistsException e) {
            String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            Map<QueueAttributeName, String> mutable = new HashMap<>(attributes);
            mutable.remove(QueueAttributeName.FIFO_QUEUE);
            sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(mutable));
            return url;
        }
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}
