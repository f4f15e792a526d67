package io.sluice.ops;

import io.sluice.job.Priority;
import java.time.Duration;
import java.time.Instant;

/**
 * One message of a dead-letter queue as an operator sees it, read without consuming it: why it is there (the
 * runtime's {@code sluice-dead-letter-*} attributes; {@code null} reason for a message SQS's own redrive moved after
 * a crash or timeout), which job it is (from the envelope, {@code null} when the body never parsed), and how old.
 * The body is carried only when asked for ({@code body} is {@code null} otherwise), since payloads may hold
 * personal data.
 *
 * @param messageId the SQS message id in the dead-letter queue: what selects a message whose body has no job id
 * @param attempts the attempts the job had spent, as the runtime recorded them ({@code null} when unknown)
 * @param age from the message's arrival in the dead-letter queue to the listing
 * @param bodyBytes the body's size in UTF-8 bytes
 */
public record DeadLetter(
        String messageId,
        String jobId,
        String type,
        Priority priority,
        String reason,
        String detail,
        Integer attempts,
        Instant deadLetteredAt,
        Duration age,
        int bodyBytes,
        String body) {

    /** The same dead letter without its body. */
    public DeadLetter withoutBody() {
        return new DeadLetter(
                messageId, jobId, type, priority, reason, detail, attempts, deadLetteredAt, age, bodyBytes, null);
    }
}
