package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.envelope.DeadLetterReason;
import java.time.Duration;

/**
 * The two SQS calls the runtime makes besides what Lambda's poller does for it: delaying a message's
 * next delivery, and moving a message to its queue's dead-letter queue. A seam so the batch processor
 * stays free of SDK types; the implementation is {@link SqsQueueOperations}.
 */
public interface QueueOperations {

    /** Makes a received message visible again after {@code delay} (ChangeMessageVisibility). */
    void changeVisibility(String queueArn, String receiptHandle, Duration delay);

    /**
     * Sends a copy of the message to the dead-letter queue named by the source queue's redrive policy,
     * with the reason and detail as message attributes. The caller acknowledges the original only if
     * this returns normally.
     */
    void deadLetter(String queueArn, SQSMessage message, DeadLetterReason reason, String detail, int attempts);

    /**
     * Sends a copy of a standard-queue message back to its queue, invisible for {@code delay} (at most SQS's
     * 15 minutes), carrying {@code notBefore} so a copy that comes back early is deferred again. The caller
     * acknowledges the original only if this returns normally. {@code numberAttributes} (a handler deferral's tally)
     * replace the message's own attributes of the same name.
     */
    void resend(
            String queueArn,
            SQSMessage message,
            java.time.Duration delay,
            java.time.Instant notBefore,
            java.util.Map<String, String> numberAttributes);
}
