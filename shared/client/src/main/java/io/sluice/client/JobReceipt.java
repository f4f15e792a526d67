package io.sluice.client;

import io.sluice.job.Priority;
import java.time.Instant;

/**
 * What {@link SluiceClient} did with one job: its id (for {@code cancel}, history lookups and logs), the
 * priority it was sent with, when it may run, and where it waits: an SQS message, or a one-time schedule.
 *
 * @param runAt the earliest time the job may run; the send time for jobs without a delay
 * @param messageId the SQS message id, or {@code null} when the job waits in a schedule
 * @param scheduleName the one-time schedule holding the job, or {@code null} when it was sent to SQS
 */
public record JobReceipt(
        String jobId, String type, Priority priority, Instant runAt, String messageId, String scheduleName) {
    /** Whether the job waits in a one-time schedule, so {@link SluiceClient#cancel} can still withdraw it. */
    public boolean scheduled() {
        return scheduleName != null;
    }
}
