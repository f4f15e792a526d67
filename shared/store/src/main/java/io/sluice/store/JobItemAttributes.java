package io.sluice.store;

import io.sluice.store.JobStore.JobRef;
import io.sluice.store.JobStore.Retention;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;

/**
 * The attributes that several writes set on a job item in the same way, so that the claim and the history
 * writes lay the item out alike: its identity, written by whichever write comes first (a job may be
 * deferred or dead-lettered before any attempt), the start of its first attempt, each change of state
 * with the keys of the {@code byState} index, and the end of an attempt.
 */
final class JobItemAttributes {
    private JobItemAttributes() {}

    /** What a write that is not an attempt sets on a job item that may not exist yet. */
    static UpdateExpression identity(UpdateExpression update, JobRef job, Instant now, Retention retention) {
        if (job.source() != null) {
            update.set("source", job.source());
        }
        if (job.idempotencyKey() != null && !job.idempotencyKey().equals(job.jobId())) {
            // Only explicit keys join the byIdempotencyKey index; a job that is its own key is found by id.
            update.set(JobsTable.EXPLICIT_KEY, job.idempotencyKey());
        }
        return update.setIfAbsent("jobId", job.jobId())
                .set("type", job.type())
                .set("priority", job.priority().wireName())
                .setIfAbsent("createdAt", JobsTableEncoding.time(enqueuedAt(job, now)))
                .set("idempotencyKey", job.effectiveKey())
                .setIfAbsent("expiresAt", now.plus(retention.history()).getEpochSecond());
    }

    /** What an attempt sets on a job item that may not exist yet: its identity, and when its first attempt started. */
    static UpdateExpression identityAndStart(UpdateExpression update, JobRef job, Instant now, Retention retention) {
        Instant enqueued = enqueuedAt(job, now);
        return identity(update, job, now, retention)
                .setIfAbsent("startedAt", JobsTableEncoding.time(now))
                .setIfAbsent(
                        "queueLatencyMs",
                        Math.max(0, Duration.between(enqueued, now).toMillis()));
    }

    /** A change of state at {@code now}, with the {@code byState} index keys that list the job under it. */
    static UpdateExpression state(UpdateExpression update, JobRef job, JobState state, Instant now) {
        return update.set("state", state.wireName())
                .set(
                        JobsTable.STATE_SHARD,
                        JobsTable.stateShard(
                                job.type(), state.wireName(), job.priority().wireName(), JobsTable.shard(job.jobId())))
                .set(JobsTable.STATE_AT, JobsTableEncoding.time(now) + "#" + job.jobId());
    }

    /**
     * A change of state that leaves the {@code byState} index as it is: the claim of a first delivery, whose job
     * stays listed under the state it had (if any) until the attempt ends; queries read the item's own state.
     */
    static UpdateExpression unlistedState(UpdateExpression update, JobState state) {
        return update.set("state", state.wireName());
    }

    /** The end of the attempt at {@code index} of the {@code attempts} list. */
    static UpdateExpression attemptEnded(UpdateExpression update, int index, String endedAt, AttemptOutcome outcome) {
        return update.setInElement("attempts", index, "endedAt", endedAt)
                .setInElement("attempts", index, "outcome", outcome.wireName());
    }

    /** Enqueue time from the message, or now when the producer sent none. */
    private static Instant enqueuedAt(JobRef job, Instant now) {
        return job.enqueuedAt() == null ? now : job.enqueuedAt();
    }
}
