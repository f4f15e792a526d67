package io.sluice.store;

import io.sluice.job.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job history and idempotency, behind one narrow seam so the runtime's happy path costs two writes in
 * all: a conditional {@link #claim} (which also starts the job's history record) and {@link #succeeded}
 * (which also completes the idempotency record). The semantics are those of Powertools for AWS Lambda's
 * idempotency utility: a claim is exclusive until its in-progress expiry (the Lambda's remaining time), so
 * a crashed or timed-out run can be retried after it; a failed run releases its claim; a completed key
 * returns its stored result to a duplicate for the idempotency window; the same key with a different
 * payload is a conflict. Implementations: {@link DynamoDbJobStore}, and {@link #NONE} for runtimes
 * without tables.
 */
public interface JobStore {

    /**
     * Keeps nothing, for runtimes without tables (sluice-local measuring the runtime alone, tests): every claim is
     * granted {@link Unrecorded}, so the runtime counts attempts from SQS's receives; every write is dropped; every
     * query finds nothing.
     */
    JobStore NONE = new JobStore() {
        @Override
        public ClaimResult claim(Claim claim) {
            return new Unrecorded();
        }

        @Override
        public void succeeded(Claimed claim, Instant startedAt, Instant finishedAt, String result) {}

        @Override
        public void failed(Claimed claim, Instant startedAt, Instant endedAt, String error, Instant retryAt) {}

        @Override
        public void deadLettered(
                JobRef job, Claimed claim, Instant startedAt, Instant now, String reason, String detail) {}

        @Override
        public void deferredAfterRun(Claimed claim, Instant startedAt, Instant endedAt, String why, Instant runAt) {}

        @Override
        public void deferred(JobRef job, Instant now, Instant runAt) {}

        @Override
        public void duplicateSkipped(JobRef job, Instant now, String originalJobId) {}

        @Override
        public Optional<JobRecord> get(String jobId) {
            return Optional.empty();
        }

        @Override
        public Page<JobRecord> list(String type, JobState state, int limit, String pageToken) {
            return new Page<>(List.of(), null);
        }

        @Override
        public Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken) {
            return new Page<>(List.of(), null);
        }

        @Override
        public Page<JobRecord> search(JobSearch search, int limit, String pageToken) {
            return new Page<>(List.of(), null);
        }

        @Override
        public String toString() {
            return "JobStore.NONE";
        }
    };

    /** Takes the job's claim, or says why not. */
    ClaimResult claim(Claim claim);

    /** The claimed attempt succeeded: history and idempotency record completed in one write. */
    void succeeded(Claimed claim, Instant startedAt, Instant finishedAt, String result);

    /** The claimed attempt failed and will be retried: the claim is released. */
    void failed(Claimed claim, Instant startedAt, Instant endedAt, String error, Instant retryAt);

    /**
     * The job went to its dead-letter queue. {@code claim} is the attempt's claim, or {@code null} when the
     * job was refused before it could be claimed (invalid payload, key conflict).
     */
    void deadLettered(JobRef job, Claimed claim, Instant startedAt, Instant now, String reason, String detail);

    /**
     * The claimed attempt's handler deferred the job to {@code runAt} (a provider over its limit): the attempt is
     * recorded with outcome {@code deferred}, which never counts towards max attempts, and the claim is released.
     */
    void deferredAfterRun(Claimed claim, Instant startedAt, Instant endedAt, String why, Instant runAt);

    /** The job was deferred (rate limit, not-before time) without spending an attempt. */
    void deferred(JobRef job, Instant now, Instant runAt);

    /** The job is a duplicate of {@code originalJobId}, which already succeeded; it will not run. */
    void duplicateSkipped(JobRef job, Instant now, String originalJobId);

    Optional<JobRecord> get(String jobId);

    /** Jobs of a type in a state, most recently changed first. */
    Page<JobRecord> list(String type, JobState state, int limit, String pageToken);

    /** Dead-lettered jobs that finished in {@code [from, to)}, newest first. */
    Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken);

    /** Jobs matching the search, newest first, served by an index query (never a scan). */
    Page<JobRecord> search(JobSearch search, int limit, String pageToken);

    /**
     * What the runtime knows of a job before it runs.
     *
     * @param source the envelope's {@code source} (the producer's id), {@code null} when it sent none
     */
    record JobRef(
            String jobId, String type, Priority priority, String idempotencyKey, Instant enqueuedAt, String source) {
        /** A job whose producer named no source. */
        public JobRef(String jobId, String type, Priority priority, String idempotencyKey, Instant enqueuedAt) {
            this(jobId, type, priority, idempotencyKey, enqueuedAt, null);
        }

        /** The key that makes executions idempotent: the explicit key, or the job id. */
        public String effectiveKey() {
            return idempotencyKey == null ? jobId : idempotencyKey;
        }
    }

    /**
     * A request to run one attempt.
     *
     * @param payloadHash hash of the payload, so a key reused with another payload is recognised
     * @param inProgressUntil when the claim lapses if never completed: now plus the Lambda's remaining time
     * @param redelivered the message was received before (SQS's receive count is above 1): its job's run outlived a
     *     delivery (a crash, a timeout, a retry's backoff), so the claim lists the job as running; a first
     *     delivery's claim does not, which saves two write units of a job's three (docs/job-state.md)
     */
    record Claim(JobRef job, String payloadHash, Instant now, Instant inProgressUntil, boolean redelivered) {
        /** A claim that lists its job as running, as a redelivery's does. */
        public Claim(JobRef job, String payloadHash, Instant now, Instant inProgressUntil) {
            this(job, payloadHash, now, inProgressUntil, true);
        }
    }

    /** The outcome of {@link #claim}. */
    sealed interface ClaimResult permits Claimed, Duplicate, InProgress, KeyConflict, Cancelled, Unrecorded {}

    /**
     * The claim is ours. {@code attempt} counts the real attempts of the job's current run, this one included
     * (a run starts afresh after the job was dead-lettered and redriven, or re-ran after its idempotency
     * window); {@code attemptIndex} is this attempt's position in the whole history.
     */
    record Claimed(JobRef job, String token, int attempt, int attemptIndex, Instant claimedAt) implements ClaimResult {}

    /** The key already succeeded within its window; {@code result} is the stored result. */
    record Duplicate(String originalJobId, String result) implements ClaimResult {}

    /** Another attempt holds the claim until {@code until}. */
    record InProgress(String holderJobId, Instant until) implements ClaimResult {}

    /** The key was used by {@code originalJobId} with a different payload. */
    record KeyConflict(String originalJobId) implements ClaimResult {}

    /** The job was cancelled before it started (a cancellation record, {@link JobState#CANCELLED}): do not run it. */
    record Cancelled(String jobId) implements ClaimResult {}

    /**
     * The attempt may run, but the store keeps no claims ({@link #NONE}): nothing guards against a concurrent
     * delivery, and the caller counts attempts itself.
     */
    record Unrecorded() implements ClaimResult {}

    /** Settings every store shares. */
    record Retention(Duration history, Duration idempotencyWindow) {
        /** 30 days of history, 24 hours of idempotency. */
        public static final Retention DEFAULT = new Retention(Duration.ofDays(30), Duration.ofHours(24));
    }
}
