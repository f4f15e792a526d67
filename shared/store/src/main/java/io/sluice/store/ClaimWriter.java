package io.sluice.store;

import static io.sluice.store.JobsTableEncoding.number;
import static io.sluice.store.JobsTableEncoding.text;

import io.sluice.store.JobStore.Cancelled;
import io.sluice.store.JobStore.Claim;
import io.sluice.store.JobStore.ClaimResult;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.Duplicate;
import io.sluice.store.JobStore.InProgress;
import io.sluice.store.JobStore.JobRef;
import io.sluice.store.JobStore.KeyConflict;
import io.sluice.store.JobStore.Retention;
import io.sluice.topology.JobsTable;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Takes a job's idempotency claim in one conditional write that also starts the attempt in the job's
 * history: one {@code UpdateItem} on the job item when the job id is its own key, else one
 * {@code TransactWriteItems} that locks the explicit key's item and starts the attempt on the job's.
 *
 * <p>The claim succeeds if the job (or key) was never claimed, or is in a state that may move to running
 * ({@link JobStateTransitions}, through {@link TransitionConditions}), a running one only if its in-progress
 * claim lapsed (a crashed or timed-out run) and a succeeded one only if its success is older than the
 * idempotency window; and only if the payload hash matches the one the key was first used with. When it fails,
 * DynamoDB returns the item as it was ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), and that
 * tells duplicate, in progress and conflict apart at no extra request.
 */
final class ClaimWriter {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Retention retention;

    ClaimWriter(DynamoDbClient dynamoDb, String tableName, Retention retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
    }

    ClaimResult claim(Claim claim) {
        String token = UUID.randomUUID().toString();
        JobRef job = claim.job();
        return job.idempotencyKey() == null || job.idempotencyKey().equals(job.jobId())
                ? claimJobItem(claim, token)
                : claimKeyItem(claim, token);
    }

    /** The job id is the key: the job item is both the lock and the history, one conditional write. */
    private ClaimResult claimJobItem(Claim claim, String token) {
        JobRef job = claim.job();
        UpdateExpression update = attemptStart(claim, token).set("payloadHash", claim.payloadHash());
        String now = update.number("nowMs", claim.now().toEpochMilli());
        Map<JobState, String> guards = new EnumMap<>(JobState.class);
        guards.put(JobState.RUNNING, "inProgressUntil < " + now); // a crashed or timed-out run's claim lapsed
        guards.put(JobState.SUCCEEDED, "idemExpiresAt < " + now); // the success no longer guards the key
        update.condition("attribute_not_exists(pk) OR ((attribute_not_exists(payloadHash) OR payloadHash = "
                + update.text("payloadHash", claim.payloadHash()) + ") AND ("
                + TransitionConditions.stateAllows(update, JobState.RUNNING, guards) + "))");
        try {
            UpdateItemResponse response = dynamoDb.updateItem(r -> update.applyTo(r.tableName(tableName)
                    .key(JobsTableEncoding.jobKey(job.jobId()))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return claimed(claim, token, response.attributes().get("attempts").l());
        } catch (ConditionalCheckFailedException e) {
            return refusal(e.item(), claim);
        }
    }

    /** An explicit key shared by several job ids: the key item is the lock, the job item the history. */
    private ClaimResult claimKeyItem(Claim claim, String token) {
        JobRef job = claim.job();
        UpdateExpression key = new UpdateExpression()
                .set("idemState", IdempotencyKeyState.RUNNING.wireName())
                .set("holderJobId", job.jobId())
                .set("claimToken", token)
                .set("inProgressUntil", claim.inProgressUntil().toEpochMilli())
                .set("payloadHash", claim.payloadHash())
                .set("expiresAt", claim.now().plus(retention.history()).getEpochSecond());
        String now = key.number("nowMs", claim.now().toEpochMilli());
        key.condition(
                "attribute_not_exists(pk) OR (payloadHash = " + key.text("payloadHash", claim.payloadHash()) + " AND ("
                        + "idemState = " + key.text("released", IdempotencyKeyState.RELEASED.wireName()) + " "
                        + "OR (idemState = " + key.text("running", IdempotencyKeyState.RUNNING.wireName())
                        + " AND inProgressUntil < " + now + ") "
                        + "OR (idemState = " + key.text("succeeded", IdempotencyKeyState.SUCCEEDED.wireName())
                        + " AND idemExpiresAt < " + now + ")))");
        // The key item carries the guards; every state may move to running (JobStateTransitions.from(RUNNING)),
        // so the job item takes the attempt unconditionally.
        UpdateExpression history = attemptStart(claim, token);
        Update keyUpdate = key.applyTo(Update.builder()
                        .tableName(tableName)
                        .key(JobsTableEncoding.idempotencyKey(job.idempotencyKey()))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
        // A cancelled job item refuses the claim; ALL_OLD tells that apart from the key item's refusal.
        history.condition("attribute_not_exists(" + history.name("state") + ") OR " + history.name("state") + " <> "
                + history.text("cancelled", JobState.CANCELLED.wireName()));
        Update jobUpdate = history.applyTo(Update.builder()
                        .tableName(tableName)
                        .key(JobsTableEncoding.jobKey(job.jobId()))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(keyUpdate).build(),
                    TransactWriteItem.builder().update(jobUpdate).build()));
        } catch (TransactionCanceledException e) {
            // One cancellation reason per item, in the request's order, so the key item's comes first; see
            // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
            CancellationReason reason = e.cancellationReasons().get(0);
            if ("ConditionalCheckFailed".equals(reason.code())) {
                return keyRefusal(reason.item(), claim);
            }
            if (e.cancellationReasons().size() > 1
                    && "ConditionalCheckFailed"
                            .equals(e.cancellationReasons().get(1).code())) {
                return new Cancelled(job.jobId());
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                // Another delivery is claiming the same key at this very moment: treat it as in progress.
                return new InProgress(null, claim.now().plusSeconds(1));
            }
            throw e;
        }
        // Transactions return no attributes; one read (not a write) learns the attempt number.
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName)
                        .key(JobsTableEncoding.jobKey(job.jobId()))
                        .projectionExpression("attempts")
                        .consistentRead(true))
                .item();
        return claimed(claim, token, item.get("attempts").l());
    }

    /** What every claim writes on the job item: a new attempt in state running, holding the claim. */
    private UpdateExpression attemptStart(Claim claim, String token) {
        JobRef job = claim.job();
        UpdateExpression update = new UpdateExpression();
        JobItemAttributes.identityAndStart(update, job, claim.now(), retention);
        if (claim.redelivered()) {
            JobItemAttributes.state(update, job, JobState.RUNNING, claim.now());
        } else {
            JobItemAttributes.unlistedState(update, JobState.RUNNING);
        }
        return update.append(
                        "attempts",
                        AttributeValue.fromM(Map.of("startedAt", text(JobsTableEncoding.time(claim.now())))))
                .set("claimToken", token)
                .set("inProgressUntil", claim.inProgressUntil().toEpochMilli())
                // A new attempt leaves the deadLetters index (a redriven job) and is no longer waiting for runAt.
                .remove(JobsTable.FAILED_SHARD, JobsTable.FAILED_AT, "runAt");
    }

    private static Claimed claimed(Claim claim, String token, List<AttributeValue> attempts) {
        return new Claimed(claim.job(), token, attemptNumber(attempts), attempts.size() - 1, claim.now());
    }

    /**
     * The attempt number of the newest element of an attempts list within its run: attempts after the last
     * one that ended the job's run (succeeded, dead-lettered), so a redriven or re-run job gets its whole
     * budget; deferred attempts do not count.
     */
    static int attemptNumber(List<AttributeValue> attempts) {
        int n = 1;
        for (int i = attempts.size() - 2; i >= 0; i--) {
            AttributeValue stored = attempts.get(i).m().get("outcome");
            AttemptOutcome outcome = AttemptOutcome.fromWire(stored == null ? null : stored.s());
            if (outcome != null && outcome.endsRun()) {
                break;
            }
            if (outcome == null || outcome.counts()) {
                n++;
            }
        }
        return n;
    }

    /** Why the job item refused the claim, read from the item as it was. */
    private static ClaimResult refusal(Map<String, AttributeValue> old, Claim claim) {
        if (old == null || old.isEmpty()) {
            throw new IllegalStateException("claim of job " + claim.job().jobId() + " refused without the item; retry");
        }
        String holder = claim.job().jobId();
        if (JobState.CANCELLED.wireName().equals(text(old, "state"))) {
            return new Cancelled(holder);
        }
        String oldHash = text(old, "payloadHash");
        if (oldHash != null && !oldHash.equals(claim.payloadHash())) {
            return new KeyConflict(holder);
        }
        if (JobState.SUCCEEDED.wireName().equals(text(old, "state"))) {
            return new Duplicate(holder, text(old, "result"));
        }
        return new InProgress(holder, Instant.ofEpochMilli(number(old, "inProgressUntil")));
    }

    /** Why the key item refused the claim, read from the item as it was. */
    private static ClaimResult keyRefusal(Map<String, AttributeValue> old, Claim claim) {
        if (old == null || old.isEmpty()) {
            throw new IllegalStateException(
                    "claim of key " + claim.job().idempotencyKey() + " refused without the item; retry");
        }
        String holder = text(old, "holderJobId");
        String oldHash = text(old, "payloadHash");
        if (oldHash != null && !oldHash.equals(claim.payloadHash())) {
            return new KeyConflict(holder);
        }
        if (IdempotencyKeyState.SUCCEEDED.wireName().equals(text(old, "idemState"))) {
            return new Duplicate(holder, text(old, "result"));
        }
        return new InProgress(holder, Instant.ofEpochMilli(number(old, "inProgressUntil")));
    }
}
