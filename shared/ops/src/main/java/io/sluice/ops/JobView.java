package io.sluice.ops;

import io.sluice.store.JobRecord;
import java.time.Instant;

/**
 * Everything known about one job, wherever it is: its history record (if the table has one), its message in a
 * dead-letter queue (if it is there; body only on request), when its one-time schedule fires (if it waits in one),
 * and when an operator discarded it. A job dead-lettered before its body parsed has no history and is known by its
 * SQS message id through its dead letter alone.
 *
 * @param location where the job is now: {@code queue} (waiting, retrying or running), {@code schedule} (a one-time
 *     schedule holds it), {@code dead-letter-queue}, {@code discarded}, or {@code done} (succeeded, skipped as a
 *     duplicate, cancelled)
 */
public record JobView(
        String jobId,
        String location,
        JobRecord history,
        DeadLetter deadLetter,
        Instant scheduledFor,
        Instant discardedAt) {}
