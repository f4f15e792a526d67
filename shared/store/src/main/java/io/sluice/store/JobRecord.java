package io.sluice.store;

import io.sluice.job.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A job's history, as {@code sluice-local jobs get} shows it and as the {@code <app>-jobs} table keeps it
 * until its TTL.
 *
 * @param queueLatency from enqueue ({@code createdAt}, or SQS's sent time) to the first attempt's start
 * @param duration of the attempt that finished the job
 * @param runAt when a deferred job will run; {@code null} otherwise
 * @param duplicateOf for a duplicate-skipped job, the job that succeeded with the same idempotency key
 * @param duplicatesSkipped redeliveries of this job that were skipped because it had already succeeded
 * @param expiresAt when DynamoDB deletes the record (TTL)
 * @param source the envelope's {@code source} (the producer's id), recorded from the claim on; {@code null} when
 *     unknown
 */
public record JobRecord(
        String jobId,
        String type,
        Priority priority,
        JobState state,
        List<AttemptRecord> attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Duration queueLatency,
        Duration duration,
        String result,
        String deadLetterReason,
        String deadLetterDetail,
        Instant runAt,
        String idempotencyKey,
        String duplicateOf,
        int duplicatesSkipped,
        Instant expiresAt,
        String source) {

    public JobRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
