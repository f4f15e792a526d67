package io.sluice.local.scheduler;

import java.time.Instant;

/**
 * What became of one attempt to fire one occurrence of a schedule, as {@link ScheduleDispatcher#fireDue}
 * reports it: for logs and for tests that step time.
 *
 * @param scheduleArn the schedule's ARN
 * @param scheduledTime the occurrence's time, the one {@code <aws.scheduler.scheduled-time>} became
 * @param attempt 1 for the first try, then one more per retry ({@code <aws.scheduler.attempt-number>})
 * @param detail the SQS message id when sent, else the error
 */
public record Firing(String scheduleArn, Instant scheduledTime, int attempt, Outcome outcome, String detail) {

    /** How the attempt ended. */
    public enum Outcome {
        /** The message is in the target queue. */
        SENT,
        /** Sending failed; the occurrence will be retried on a later check, within the retry policy. */
        RETRYING,
        /** The retry policy ran out; the message went to the schedule's dead-letter queue. */
        DEAD_LETTERED,
        /** The retry policy ran out and the schedule has no dead-letter queue (or it failed too): the occurrence is lost, as on AWS. */
        DROPPED
    }
}
