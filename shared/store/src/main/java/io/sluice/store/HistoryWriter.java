package io.sluice.store;

import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.JobRef;
import io.sluice.store.JobStore.Retention;
import io.sluice.topology.JobsTable;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Records what became of a job after its claim, or instead of one: success, failure, deferral, dead
 * letter, duplicate. Each is one conditional write: an {@code UpdateItem} on the job item, or, when an
 * explicit idempotency key holds the claim, one {@code TransactWriteItems} that completes or releases the
 * key's item too. Its condition comes from {@link JobStateTransitions} through {@link TransitionConditions}:
 * a write by an attempt requires its claim token (so a run whose claim lapsed and was taken over cannot
 * overwrite the new attempt's record); a write without a claim requires a state the table lets move to the
 * new one, never running (so a late copy of a message never reopens a job that is running or finished).
 * A write whose condition fails changes nothing and is logged: the other attempt's or delivery's record wins.
 */
final class HistoryWriter {
    /** Longest text kept of a result, error or detail; history is for people, not for payloads. */
    private static final int MAX_TEXT = 500;
    // Logged under the store's name, which operators already filter on.
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbJobStore.class);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Retention retention;

    HistoryWriter(DynamoDbClient dynamoDb, String tableName, Retention retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
    }

    /** The claimed attempt succeeded: the job item and the idempotency record completed in one write. */
    void succeeded(Claimed claim, Instant startedAt, Instant finishedAt, String result) {
        JobRef job = claim.job();
        String finished = JobsTableEncoding.time(finishedAt);
        long idempotentUntil = finishedAt.plus(retention.idempotencyWindow()).toEpochMilli();
        // History must outlive the idempotency window, or the TTL would delete a record that still guards the key.
        Duration keep = retention.history().compareTo(retention.idempotencyWindow()) >= 0
                ? retention.history()
                : retention.idempotencyWindow();
        UpdateExpression history = JobItemAttributes.state(new UpdateExpression(), job, JobState.SUCCEEDED, finishedAt)
                .set("finishedAt", finished)
                .set("durationMs", Duration.between(startedAt, finishedAt).toMillis())
                .set("result", truncate(result));
        JobItemAttributes.attemptEnded(history, claim.attemptIndex(), finished, AttemptOutcome.SUCCEEDED)
                .set("expiresAt", finishedAt.plus(keep).getEpochSecond());
        if (sharesJobItem(job)) {
            history.set("idemExpiresAt", idempotentUntil).remove("claimToken", "inProgressUntil");
            updateJob(job, TransitionConditions.byClaimHolder(history, claim.token(), JobState.SUCCEEDED), "success");
            return;
        }
        history.remove("claimToken", "inProgressUntil");
        UpdateExpression key = new UpdateExpression()
                .set("idemState", IdempotencyKeyState.SUCCEEDED.wireName())
                .set("result", truncate(result))
                .set("idemExpiresAt", idempotentUntil)
                .set("holderJobId", job.jobId())
                .set(
                        "expiresAt",
                        finishedAt
                                .plus(retention.idempotencyWindow())
                                .plus(Duration.ofDays(1))
                                .getEpochSecond())
                .remove("claimToken", "inProgressUntil");
        transact(job, TransitionConditions.byClaimHolder(key, claim.token(), JobState.SUCCEEDED), history, "success");
    }

    /** The claimed attempt failed and will be retried at {@code retryAt}. */
    void failed(Claimed claim, Instant endedAt, String error, Instant retryAt) {
        endAttempt(claim, JobState.RETRYING, AttemptOutcome.FAILED, endedAt, error, retryAt, "failure");
    }

    /** The claimed attempt's handler deferred the job to {@code runAt}; the attempt does not count. */
    void deferredAfterRun(Claimed claim, Instant endedAt, String why, Instant runAt) {
        endAttempt(claim, JobState.DEFERRED, AttemptOutcome.DEFERRED, endedAt, why, runAt, "deferral");
    }

    /** Ends a claimed attempt that did not finish the job: its outcome and error, the next run time, the claim released. */
    private void endAttempt(
            Claimed claim,
            JobState state,
            AttemptOutcome outcome,
            Instant endedAt,
            String error,
            Instant runAt,
            String what) {
        JobRef job = claim.job();
        int i = claim.attemptIndex();
        UpdateExpression history = JobItemAttributes.state(new UpdateExpression(), job, state, endedAt)
                .set("runAt", JobsTableEncoding.time(runAt));
        JobItemAttributes.attemptEnded(history, i, JobsTableEncoding.time(endedAt), outcome)
                .setInElement("attempts", i, "error", truncate(error))
                .remove("claimToken", "inProgressUntil");
        if (sharesJobItem(job)) {
            updateJob(job, TransitionConditions.byClaimHolder(history, claim.token(), state), what);
        } else {
            transact(job, releasedKey(claim, state), history, what);
        }
    }

    /**
     * The job went to its dead-letter queue, after a claimed attempt ({@code claim}) or refused before any
     * ({@code claim == null}: invalid payload, key conflict). It joins the {@code deadLetters} index.
     */
    void deadLettered(JobRef job, Claimed claim, Instant startedAt, Instant now, String reason, String detail) {
        UpdateExpression history = new UpdateExpression();
        if (claim == null) {
            JobItemAttributes.identity(history, job, now, retention);
        } else {
            JobItemAttributes.identityAndStart(history, job, now, retention);
        }
        String finished = JobsTableEncoding.time(now);
        JobItemAttributes.state(history, job, JobState.DEAD_LETTERED, now)
                .set("finishedAt", finished)
                .set("deadLetterReason", reason)
                .set("deadLetterDetail", truncate(detail))
                .set(
                        JobsTable.FAILED_SHARD,
                        JobsTable.failedShard(now, job.priority().wireName(), JobsTable.shard(job.jobId())))
                .set(JobsTable.FAILED_AT, finished + "#" + job.jobId());
        if (claim != null) {
            int i = claim.attemptIndex();
            history.set("durationMs", Duration.between(startedAt, now).toMillis());
            JobItemAttributes.attemptEnded(history, i, finished, AttemptOutcome.DEAD_LETTERED)
                    .setInElement("attempts", i, "error", truncate(detail));
        }
        history.remove("claimToken", "inProgressUntil", "runAt");
        if (claim == null) {
            // Without a claim, never overwrite a job another delivery is running or has finished.
            updateJob(job, TransitionConditions.withoutClaim(history, JobState.DEAD_LETTERED, now), "dead-letter");
        } else if (sharesJobItem(job)) {
            updateJob(
                    job,
                    TransitionConditions.byClaimHolder(history, claim.token(), JobState.DEAD_LETTERED),
                    "dead-letter");
        } else {
            transact(job, releasedKey(claim, JobState.DEAD_LETTERED), history, "dead-letter");
        }
    }

    /** The job was deferred before any attempt (rate limit, not-before time). */
    void deferred(JobRef job, Instant now, Instant runAt) {
        UpdateExpression history = JobItemAttributes.identity(new UpdateExpression(), job, now, retention);
        JobItemAttributes.state(history, job, JobState.DEFERRED, now).set("runAt", JobsTableEncoding.time(runAt));
        // A deferred redelivery must not reopen a job that is running or finished (it would then run again).
        updateJob(job, TransitionConditions.withoutClaim(history, JobState.DEFERRED, now), "deferral");
    }

    /** The job is a duplicate of {@code originalJobId}, which already succeeded. */
    void duplicateSkipped(JobRef job, Instant now, String originalJobId) {
        if (job.jobId().equals(originalJobId)) {
            // A redelivery of a job that already succeeded: its history stays "succeeded"; count the skip.
            dynamoDb.updateItem(r -> new UpdateExpression()
                    .add("duplicatesSkipped", 1)
                    .applyTo(r.tableName(tableName).key(JobsTableEncoding.jobKey(job.jobId()))));
            return;
        }
        UpdateExpression history = JobItemAttributes.identity(new UpdateExpression(), job, now, retention);
        JobItemAttributes.state(history, job, JobState.DUPLICATE_SKIPPED, now)
                .set("finishedAt", JobsTableEncoding.time(now))
                .set("duplicateOf", originalJobId);
        updateJob(job, TransitionConditions.withoutClaim(history, JobState.DUPLICATE_SKIPPED, now), "duplicate");
    }

    /** The explicit key's item given up by the attempt that held it, moving its job to {@code to}, so the next claim may take the key. */
    private static UpdateExpression releasedKey(Claimed claim, JobState to) {
        UpdateExpression key = new UpdateExpression()
                .set("idemState", IdempotencyKeyState.RELEASED.wireName())
                .remove("claimToken", "inProgressUntil");
        return TransitionConditions.byClaimHolder(key, claim.token(), to);
    }

    private void updateJob(JobRef job, UpdateExpression update, String what) {
        try {
            dynamoDb.updateItem(r -> update.applyTo(r.tableName(tableName).key(JobsTableEncoding.jobKey(job.jobId()))));
        } catch (ConditionalCheckFailedException e) {
            // Our claim lapsed and another attempt took the job over, or (without a claim) another delivery
            // owns the record: its record wins.
            LOG.warn(
                    "history of job {} not updated after {}: another attempt or delivery owns the record",
                    job.jobId(),
                    what);
        }
    }

    /** The key item's write (conditional on the claim) and the job item's, all or nothing. */
    private void transact(JobRef job, UpdateExpression key, UpdateExpression history, String what) {
        Update keyUpdate = key.applyTo(Update.builder()
                        .tableName(tableName)
                        .key(JobsTableEncoding.idempotencyKey(job.idempotencyKey())))
                .build();
        Update jobUpdate = history.applyTo(
                        Update.builder().tableName(tableName).key(JobsTableEncoding.jobKey(job.jobId())))
                .build();
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(keyUpdate).build(),
                    TransactWriteItem.builder().update(jobUpdate).build()));
        } catch (TransactionCanceledException e) {
            LOG.warn(
                    "history of job {} not updated after {}: its claim on key {} was taken over by a later attempt",
                    job.jobId(),
                    what,
                    job.idempotencyKey());
        }
    }

    private static boolean sharesJobItem(JobRef job) {
        return job.idempotencyKey() == null || job.idempotencyKey().equals(job.jobId());
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
