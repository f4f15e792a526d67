package io.sluice.local.scheduler;

import io.sluice.runtime.QueueArn;
import java.util.Map;

/**
 * Sends one message to an SQS queue named by its ARN: how the local scheduler invokes a schedule's target
 * and delivers to its dead-letter queue. The seam lets the firing logic be tested without a queue, and
 * keeps the scheduler indifferent to whether SQS is the embedded ElasticMQ or LocalStack.
 */
public interface TargetSender {

    /**
     * Sends {@code body} to {@code queue}, with {@code messageGroupId} when it is not {@code null} and the
     * string {@code attributes}; returns the SQS message id.
     *
     * @throws RuntimeException when SQS refuses or cannot be reached; the caller retries per the target's policy
     */
    String send(QueueArn queue, String body, String messageGroupId, Map<String, String> attributes);
}
