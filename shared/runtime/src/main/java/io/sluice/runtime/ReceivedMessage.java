package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.envelope.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message of the batch being processed, with the SQS calls an outcome may make on it
 * ({@link MessageOutcome#carryOut}): each goes through {@link QueueOperations} to the queue the message came
 * from, with its receipt handle, so an outcome says what should happen and not how to address it.
 */
public final class ReceivedMessage {
    // The batch processor's logger, as before this class existed: operators' log queries name it.
    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final SQSMessage message;
    private final QueueOperations queues;

    ReceivedMessage(SQSMessage message, QueueOperations queues) {
        this.message = message;
        this.queues = queues;
    }

    /** Whether the message came from a FIFO queue (its ARN ends with {@code .fifo}). */
    public boolean isFifo() {
        return isFifo(message);
    }

    static boolean isFifo(SQSMessage message) {
        return message.getEventSourceArn() != null
                && message.getEventSourceArn().endsWith(".fifo");
    }

    /** Makes the message visible again after {@code delay} (ChangeMessageVisibility); it stays in its queue. */
    public void returnAfter(Duration delay) {
        queues.changeVisibility(message.getEventSourceArn(), message.getReceiptHandle(), delay);
    }

    /**
     * Copies the message to its queue's dead-letter queue with the reason; returns only once the DLQ accepted it. The
     * log line names the job, or, for a body that never parsed into an envelope, the SQS message id an operator finds
     * it by in the DLQ.
     */
    public void deadLetter(DeadLetterReason reason, String detail, int attempts, String jobId) {
        queues.deadLetter(message.getEventSourceArn(), message, reason, detail, attempts);
        String job = jobId != null ? jobId : "with no job id (SQS message " + message.getMessageId() + ")";
        LOG.atWarn()
                .addKeyValue("jobId", jobId)
                .addKeyValue("messageId", message.getMessageId())
                .addKeyValue("reason", reason.wireName())
                .log("job {} dead-lettered: {}", job, detail);
    }

    /** Sends a copy back to the message's (standard) queue, invisible for {@code delay} and not to run before {@code notBefore}. */
    public void resend(Duration delay, Instant notBefore, java.util.Map<String, String> numberAttributes) {
        queues.resend(message.getEventSourceArn(), message, delay, notBefore, numberAttributes);
    }
}
