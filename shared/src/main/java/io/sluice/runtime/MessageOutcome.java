package io.sluice.runtime;

import java.time.Duration;

/**
 * What happened to one message of a batch, decided by the pipeline and then carried out by the batch
 * processor (visibility changes, dead-lettering) so that every side effect lives in one place.
 */
public sealed interface MessageOutcome {

    /** The job ran and succeeded; the message is acknowledged. */
    record Succeeded(String summary) implements MessageOutcome {
    }

    /** A retryable failure: the message returns after {@code delay}; {@code attempt} was spent. */
    record Retry(Duration delay, String error, int attempt) implements MessageOutcome {
    }

    /** A permanent failure: the message goes to the DLQ with a reason and is then acknowledged. */
    record DeadLetter(DeadLetterReason reason, String detail, int attempt) implements MessageOutcome {
    }

    /** Not started because the invocation would time out first; returned at once, no attempt spent. */
    record NotStarted(String why) implements MessageOutcome {
    }

    /** A FIFO message held back because an earlier message of its group failed in this batch. */
    record HeldBehindGroup(String groupId, Duration delay) implements MessageOutcome {
    }

    /** Whether the message must be reported in {@code batchItemFailures}. */
    default boolean reportAsFailure() {
        return this instanceof Retry || this instanceof NotStarted || this instanceof HeldBehindGroup;
    }
}
