package io.sluice.store;

import io.sluice.topology.JobsTable;

import io.sluice.job.Priority;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
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
 * {@link JobStore} on DynamoDB (table layout: {@link JobsTable}). Every state change is one conditional
 * {@code UpdateItem} (or one {@code TransactWriteItems} when an explicit idempotency key has its own
 * item), so the happy path is exactly two write requests: the claim and the success. Reads and queries
 * go through the Enhanced Client ({@link JobItem}).
 *
 * <p>The claim's condition is the heart of idempotency: it succeeds if the job (or key) was never
 * claimed, or is in a state that may run again ({@link JobStateTransitions#from}: retrying, deferred,
 * dead-lettered after a redrive), or its in-progress claim lapsed (a crashed or timed-out run), or its
 * success is older than the idempotency window; and only if the payload hash matches what the key
 * was first used with. When it fails, DynamoDB returns the item as it was
 * ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}) and that says which of duplicate, in progress or
 * conflict applies, at no extra request.
 */
public final class DynamoDbJobStore implements JobStore {
    /** The outcome of an attempt whose handler deferred the job: recorded, never counted as an attempt. */
    static final String DEFERRED_OUTCOME = "deferred";
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbJobStore.class);
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int MAX_TEXT = 500;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Retention retention;
    private final DynamoDbTable<JobItem> table;
    private final DynamoDbIndex<JobItem> byTypeState;
    private final DynamoDbIndex<JobItem> failures;

    public DynamoDbJobStore(DynamoDbClient dynamoDb, String tableName, Retention retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        this.table = enhanced.table(tableName, TableSchema.fromBean(JobItem.class));
        this.byTypeState = table.index(JobsTable.BY_TYPE_STATE);
        this.failures = table.index(JobsTable.FAILURES);
    }

    // ---- writes -------------------------------------------------------------------------------------

    @Override
    public ClaimResult claim(Claim claim) {
        JobRef job = claim.job();
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> values = jobStartValues(job, claim.now());
        values.put(":running", s(JobState.RUNNING.wireName()));
        values.put(":hash", s(claim.payloadHash()));
        values.put(":token", s(token));
        values.put(":until", n(claim.inProgressUntil().toEpochMilli()));
        values.put(":nowMs", n(claim.now().toEpochMilli()));
        values.put(":attempt", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("startedAt", s(sortable(claim.now())))))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        String set = "SET " + jobStartSet() + ", #state = :running, typeState = :typeRunning, stateAt = :stateAt, "
                + "attempts = list_append(if_not_exists(attempts, :empty), :attempt), claimToken = :token, inProgressUntil = :until";
        values.put(":typeRunning", s(job.type() + "#" + JobState.RUNNING.wireName()));
        values.put(":stateAt", s(sortable(claim.now()) + "#" + job.jobId()));
        String remove = " REMOVE failedDay, failedAt, runAt";

        if (job.idempotencyKey() == null || job.idempotencyKey().equals(job.jobId())) {
            values.put(":succeeded", s(JobState.SUCCEEDED.wireName()));
            rerunnableStates(values);
            String condition = "attribute_not_exists(pk) OR ((attribute_not_exists(payloadHash) OR payloadHash = :hash) AND ("
                    + "#state IN (:s0, :s1, :s2, :s3, :s4) OR (#state = :running AND inProgressUntil < :nowMs) "
                    + "OR (#state = :succeeded AND idemExpiresAt < :nowMs)))";
            try {
                UpdateItemResponse response = dynamoDb.updateItem(r -> r.tableName(tableName).key(jobKey(job.jobId()))
                        .updateExpression(set + ", payloadHash = :hash" + remove)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names())
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.UPDATED_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                List<AttributeValue> attempts = response.attributes().get("attempts").l();
                return new Claimed(job, token, attemptNumber(attempts), attempts.size() - 1, claim.now());
            } catch (ConditionalCheckFailedException e) {
                return refusal(e.item(), job.jobId(), claim);
            }
        }
        // An explicit key shared by several job ids: the key item is the lock, the job item the history.
        Map<String, AttributeValue> keyValues = new HashMap<>();
        keyValues.put(":running", s(JobState.RUNNING.wireName()));
        keyValues.put(":succeeded", s(JobState.SUCCEEDED.wireName()));
        keyValues.put(":released", s("released"));
        keyValues.put(":hash", s(claim.payloadHash()));
        keyValues.put(":token", s(token));
        keyValues.put(":until", n(claim.inProgressUntil().toEpochMilli()));
        keyValues.put(":nowMs", n(claim.now().toEpochMilli()));
        keyValues.put(":holder", s(job.jobId()));
        keyValues.put(":ttl", n(claim.now().plus(retention.history()).getEpochSecond()));
        Update keyUpdate = Update.builder().tableName(tableName).key(keyKey(job.idempotencyKey()))
                .updateExpression("SET idemState = :running, holderJobId = :holder, claimToken = :token, inProgressUntil = :until, "
                        + "payloadHash = :hash, expiresAt = :ttl")
                .conditionExpression("attribute_not_exists(pk) OR (payloadHash = :hash AND (idemState = :released "
                        + "OR (idemState = :running AND inProgressUntil < :nowMs) OR (idemState = :succeeded AND idemExpiresAt < :nowMs)))")
                .expressionAttributeValues(keyValues)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        Update jobUpdate = Update.builder().tableName(tableName).key(jobKey(job.jobId()))
                .updateExpression(set + remove)
                .expressionAttributeNames(names())
                .expressionAttributeValues(values.entrySet().stream()
                        .filter(e -> !e.getKey().equals(":hash") && !e.getKey().equals(":nowMs"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .build();
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(keyUpdate).build(), TransactWriteItem.builder().update(jobUpdate).build()));
        } catch (TransactionCanceledException e) {
            CancellationReason reason = e.cancellationReasons().get(0);
            if ("ConditionalCheckFailed".equals(reason.code())) {
                return keyRefusal(reason.item(), claim);
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                // Another delivery is claiming the same key at this very moment: treat it as in progress.
                return new InProgress(null, claim.now().plusSeconds(1));
            }
            throw e;
        }
        // Transactions return no attributes; one read (not a write) learns the attempt number.
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).key(jobKey(job.jobId()))
                .projectionExpression("attempts").consistentRead(true)).item();
        List<AttributeValue> attempts = item.get("attempts").l();
        return new Claimed(job, token, attemptNumber(attempts), attempts.size() - 1, claim.now());
    }

    @Override
    public void succeeded(Claimed claim, Instant startedAt, Instant finishedAt, String result) {
        JobRef job = claim.job();
        Map<String, AttributeValue> values = stateValues(job, JobState.SUCCEEDED, finishedAt);
        values.put(":finished", s(sortable(finishedAt)));
        values.put(":duration", n(Duration.between(startedAt, finishedAt).toMillis()));
        values.put(":result", s(truncate(result)));
        values.put(":outcome", s("succeeded"));
        values.put(":token", s(claim.token()));
        int i = claim.attemptIndex();
        // History must outlive the idempotency window, or the TTL would delete a record that still guards the key.
        Duration keep = retention.history().compareTo(retention.idempotencyWindow()) >= 0 ? retention.history() : retention.idempotencyWindow();
        values.put(":ttl", n(finishedAt.plus(keep).getEpochSecond()));
        String update = "SET #state = :state, typeState = :typeState, stateAt = :stateAt, finishedAt = :finished, durationMs = :duration, "
                + "#result = :result, attempts[" + i + "].endedAt = :finished, attempts[" + i + "].outcome = :outcome, expiresAt = :ttl";
        if (sharesJobItem(job)) {
            values.put(":idemExpires", n(finishedAt.plus(retention.idempotencyWindow()).toEpochMilli()));
            updateJob(job, update + ", idemExpiresAt = :idemExpires REMOVE claimToken, inProgressUntil", "claimToken = :token", values,
                    "success");
        } else {
            Map<String, AttributeValue> keyValues = Map.of(":succeeded", s(JobState.SUCCEEDED.wireName()), ":result", s(truncate(result)),
                    ":idemExpires", n(finishedAt.plus(retention.idempotencyWindow()).toEpochMilli()), ":token", s(claim.token()),
                    ":holder", s(job.jobId()), ":keyTtl", n(finishedAt.plus(retention.idempotencyWindow()).plus(Duration.ofDays(1)).getEpochSecond()));
            transact(job, "SET idemState = :succeeded, #result = :result, idemExpiresAt = :idemExpires, holderJobId = :holder, "
                    + "expiresAt = :keyTtl REMOVE claimToken, inProgressUntil", keyValues, update + " REMOVE claimToken, inProgressUntil", values,
                    "success");
        }
    }

    @Override
    public void failed(Claimed claim, Instant startedAt, Instant endedAt, String error, Instant retryAt) {
        endAttempt(claim, JobState.RETRYING, "failed", endedAt, error, retryAt, "failure");
    }

    @Override
    public void deferredAfterRun(Claimed claim, Instant startedAt, Instant endedAt, String why, Instant runAt) {
        endAttempt(claim, JobState.DEFERRED, DEFERRED_OUTCOME, endedAt, why, runAt, "deferral");
    }

    /** Ends a claimed attempt that did not finish the job: its outcome and error, the next run time, the claim released. */
    private void endAttempt(Claimed claim, JobState state, String outcome, Instant endedAt, String error, Instant runAt, String what) {
        JobRef job = claim.job();
        Map<String, AttributeValue> values = stateValues(job, state, endedAt);
        values.put(":ended", s(sortable(endedAt)));
        values.put(":outcome", s(outcome));
        values.put(":error", s(truncate(error)));
        values.put(":runAt", s(sortable(runAt)));
        values.put(":token", s(claim.token()));
        int i = claim.attemptIndex();
        String update = "SET #state = :state, typeState = :typeState, stateAt = :stateAt, runAt = :runAt, "
                + "attempts[" + i + "].endedAt = :ended, attempts[" + i + "].outcome = :outcome, attempts[" + i + "].#error = :error "
                + "REMOVE claimToken, inProgressUntil";
        if (sharesJobItem(job)) {
            updateJob(job, update, "claimToken = :token", values, what);
        } else {
            transact(job, "SET idemState = :released REMOVE claimToken, inProgressUntil",
                    Map.of(":released", s("released"), ":token", s(claim.token())), update, values, what);
        }
    }

    @Override
    public void deadLettered(JobRef job, Claimed claim, Instant startedAt, Instant now, String reason, String detail) {
        Map<String, AttributeValue> values = jobStartValues(job, now);
        if (claim == null) {
            values.putAll(idleStates());
        }
        values.putAll(stateValues(job, JobState.DEAD_LETTERED, now));
        values.put(":finished", s(sortable(now)));
        values.put(":reason", s(reason));
        values.put(":detail", s(truncate(detail)));
        values.put(":day", s(DAY.format(now)));
        values.put(":failedAt", s(sortable(now) + "#" + job.jobId()));
        StringBuilder update = new StringBuilder("SET " + (claim == null ? jobCreateSet() : jobStartSet())
                + ", #state = :state, typeState = :typeState, stateAt = :stateAt, "
                + "finishedAt = :finished, deadLetterReason = :reason, deadLetterDetail = :detail, failedDay = :day, failedAt = :failedAt");
        // Without a claim, never overwrite a job another delivery is running or has finished.
        String condition = IDLE_CONDITION;
        if (claim != null) {
            int i = claim.attemptIndex();
            values.put(":outcome", s("dead-lettered"));
            values.put(":token", s(claim.token()));
            values.put(":duration", n(Duration.between(startedAt, now).toMillis()));
            update.append(", durationMs = :duration, attempts[").append(i).append("].endedAt = :finished, attempts[").append(i)
                    .append("].outcome = :outcome, attempts[").append(i).append("].#error = :detail");
            condition = "claimToken = :token";
        }
        update.append(" REMOVE claimToken, inProgressUntil, runAt");
        if (claim == null || sharesJobItem(job)) {
            updateJob(job, update.toString(), condition, values, "dead-letter");
        } else {
            transact(job, "SET idemState = :released REMOVE claimToken, inProgressUntil",
                    Map.of(":released", s("released"), ":token", s(claim.token())), update.toString(), values, "dead-letter");
        }
    }

    @Override
    public void deferred(JobRef job, Instant now, Instant runAt) {
        Map<String, AttributeValue> values = jobStartValues(job, now);
        values.putAll(stateValues(job, JobState.DEFERRED, now));
        values.putAll(idleStates());
        values.put(":runAt", s(sortable(runAt)));
        // A deferred redelivery must not reopen a job that is running or finished (it would then run again).
        updateJob(job, "SET " + jobCreateSet() + ", #state = :state, typeState = :typeState, stateAt = :stateAt, runAt = :runAt",
                IDLE_CONDITION, values, "deferral");
    }

    @Override
    public void duplicateSkipped(JobRef job, Instant now, String originalJobId) {
        if (job.jobId().equals(originalJobId)) {
            // A redelivery of a job that already succeeded: its history stays "succeeded"; count the skip.
            dynamoDb.updateItem(r -> r.tableName(tableName).key(jobKey(job.jobId()))
                    .updateExpression("ADD duplicatesSkipped :one")
                    .expressionAttributeValues(Map.of(":one", n(1))));
            return;
        }
        Map<String, AttributeValue> values = jobStartValues(job, now);
        values.putAll(stateValues(job, JobState.DUPLICATE_SKIPPED, now));
        values.putAll(idleStates());
        values.put(":finished", s(sortable(now)));
        values.put(":original", s(originalJobId));
        updateJob(job, "SET " + jobCreateSet() + ", #state = :state, typeState = :typeState, stateAt = :stateAt, finishedAt = :finished, "
                + "duplicateOf = :original", IDLE_CONDITION, values, "duplicate");
    }

    // ---- reads --------------------------------------------------------------------------------------

    @Override
    public Optional<JobRecord> get(String jobId) {
        JobItem item = table.getItem(r -> r.key(Key.builder().partitionValue("JOB#" + jobId).build()).consistentRead(true));
        return Optional.ofNullable(item).map(DynamoDbJobStore::toRecord);
    }

    @Override
    public Page<JobRecord> list(String type, JobState state, int limit, String pageToken) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(type + "#" + state.wireName()).build()))
                .scanIndexForward(false)
                .limit(limit);
        if (pageToken != null) {
            query.exclusiveStartKey(decode(pageToken));
        }
        var page = byTypeState.query(query.build()).iterator().next();
        return new Page<>(page.items().stream().map(DynamoDbJobStore::toRecord).toList(), encode(page.lastEvaluatedKey()));
    }

    @Override
    public Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must start before it ends: from " + from + ", to " + to);
        }
        // Days are queried newest first; the token carries the day and DynamoDB's position in it.
        Map<String, AttributeValue> start = pageToken == null ? null : decode(pageToken);
        if (start != null && !start.containsKey("failedDay")) {
            throw new IllegalArgumentException("page token '" + pageToken + "' was not issued by a failures query");
        }
        String day = start == null ? DAY.format(to.minusMillis(1)) : start.get("failedDay").s();
        if (start != null && !start.containsKey("failedAt")) {
            start = null; // the token names a day to begin, not a position inside it
        }
        String firstDay = DAY.format(from);
        List<JobRecord> found = new ArrayList<>();
        while (found.size() < limit && day.compareTo(firstDay) >= 0) {
            QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.sortBetween(
                            Key.builder().partitionValue(day).sortValue(sortable(from)).build(),
                            Key.builder().partitionValue(day).sortValue(sortable(to.minusMillis(1)) + "#~").build()))
                    .scanIndexForward(false)
                    .limit(limit - found.size());
            if (start != null) {
                query.exclusiveStartKey(start);
                start = null;
            }
            var page = failures.query(query.build()).iterator().next();
            page.items().forEach(item -> found.add(toRecord(item)));
            if (page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty()) {
                if (found.size() >= limit) {
                    return new Page<>(found, encode(page.lastEvaluatedKey()));
                }
                start = page.lastEvaluatedKey();
                continue;
            }
            day = DAY.format(java.time.LocalDate.parse(day).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (found.size() >= limit && day.compareTo(firstDay) >= 0) {
                return new Page<>(found, encode(Map.of("failedDay", s(day))));
            }
        }
        return new Page<>(found, null);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private ClaimResult refusal(Map<String, AttributeValue> old, String holder, Claim claim) {
        if (old == null || old.isEmpty()) {
            throw new IllegalStateException("claim of job " + claim.job().jobId() + " refused without the item; retry");
        }
        String oldHash = text(old, "payloadHash");
        if (oldHash != null && !oldHash.equals(claim.payloadHash())) {
            return new KeyConflict(holder);
        }
        String state = text(old, "state");
        if (JobState.SUCCEEDED.wireName().equals(state)) {
            return new Duplicate(holder, text(old, "result"));
        }
        return new InProgress(holder, Instant.ofEpochMilli(number(old, "inProgressUntil")));
    }

    private ClaimResult keyRefusal(Map<String, AttributeValue> old, Claim claim) {
        if (old == null || old.isEmpty()) {
            throw new IllegalStateException("claim of key " + claim.job().idempotencyKey() + " refused without the item; retry");
        }
        String holder = text(old, "holderJobId");
        String oldHash = text(old, "payloadHash");
        if (oldHash != null && !oldHash.equals(claim.payloadHash())) {
            return new KeyConflict(holder);
        }
        if (JobState.SUCCEEDED.wireName().equals(text(old, "idemState"))) {
            return new Duplicate(holder, text(old, "result"));
        }
        return new InProgress(holder, Instant.ofEpochMilli(number(old, "inProgressUntil")));
    }

    private void updateJob(JobRef job, String update, String condition, Map<String, AttributeValue> values, String what) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(jobKey(job.jobId()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(namesUsedIn(update + " " + (condition == null ? "" : condition)))
                    .expressionAttributeValues(valuesUsedIn(update + " " + (condition == null ? "" : condition), values)));
        } catch (ConditionalCheckFailedException e) {
            // Our claim lapsed and another attempt took the job over, or (without a claim) another delivery
            // owns the record: its record wins.
            LOG.warn("history of job {} not updated after {}: another attempt or delivery owns the record", job.jobId(), what);
        }
    }

    private void transact(JobRef job, String keyUpdate, Map<String, AttributeValue> keyValues, String jobUpdate,
                          Map<String, AttributeValue> jobValues, String what) {
        Update key = Update.builder().tableName(tableName).key(keyKey(job.idempotencyKey()))
                .updateExpression(keyUpdate)
                .conditionExpression("claimToken = :token")
                .expressionAttributeNames(namesUsedIn(keyUpdate))
                .expressionAttributeValues(valuesUsedIn(keyUpdate + " claimToken = :token", keyValues))
                .build();
        Update jobItem = Update.builder().tableName(tableName).key(jobKey(job.jobId()))
                .updateExpression(jobUpdate)
                .expressionAttributeNames(namesUsedIn(jobUpdate))
                .expressionAttributeValues(valuesUsedIn(jobUpdate, jobValues))
                .build();
        try {
            dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(key).build(),
                    TransactWriteItem.builder().update(jobItem).build()));
        } catch (TransactionCanceledException e) {
            LOG.warn("history of job {} not updated after {}: its claim on key {} was taken over by a later attempt",
                    job.jobId(), what, job.idempotencyKey());
        }
    }

    private static boolean sharesJobItem(JobRef job) {
        return job.idempotencyKey() == null || job.idempotencyKey().equals(job.jobId());
    }

    /** States in which a write without a claim may change a job: nobody is running it and it has not succeeded. */
    private static final String IDLE_CONDITION = "attribute_not_exists(pk) OR #state IN (:idle0, :idle1, :idle2, :idle3)";

    private static Map<String, AttributeValue> idleStates() {
        return Map.of(":idle0", s(JobState.RECEIVED.wireName()), ":idle1", s(JobState.RETRYING.wireName()),
                ":idle2", s(JobState.DEFERRED.wireName()), ":idle3", s(JobState.DEAD_LETTERED.wireName()));
    }

    /** Attributes a write that is not an attempt sets on a job item that may not exist yet. */
    private static String jobCreateSet() {
        return "jobId = if_not_exists(jobId, :jobId), #type = :type, priority = :priority, createdAt = if_not_exists(createdAt, :created), "
                + "idempotencyKey = :key, expiresAt = if_not_exists(expiresAt, :ttl)";
    }

    /**
     * The attempt number of the newest element of an attempts list within its run: attempts after the last
     * one that ended the job (succeeded, dead-lettered), so a redriven or re-run job gets its whole budget.
     */
    static int attemptNumber(List<AttributeValue> attempts) {
        int n = 1;
        for (int i = attempts.size() - 2; i >= 0; i--) {
            AttributeValue outcome = attempts.get(i).m().get("outcome");
            String o = outcome == null ? null : outcome.s();
            if ("succeeded".equals(o) || "dead-lettered".equals(o)) {
                break;
            }
            if (!DEFERRED_OUTCOME.equals(o)) {
                n++;
            }
        }
        return n;
    }

    /** Attributes every attempt sets on a job item that may not exist yet. */
    private static String jobStartSet() {
        return "jobId = if_not_exists(jobId, :jobId), #type = :type, priority = :priority, createdAt = if_not_exists(createdAt, :created), "
                + "startedAt = if_not_exists(startedAt, :now), queueLatencyMs = if_not_exists(queueLatencyMs, :latency), "
                + "idempotencyKey = :key, expiresAt = if_not_exists(expiresAt, :ttl)";
    }

    private Map<String, AttributeValue> jobStartValues(JobRef job, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        Instant enqueued = job.enqueuedAt() == null ? now : job.enqueuedAt();
        values.put(":jobId", s(job.jobId()));
        values.put(":type", s(job.type()));
        values.put(":priority", s(job.priority().wireName()));
        values.put(":created", s(sortable(enqueued)));
        values.put(":now", s(sortable(now)));
        values.put(":latency", n(Math.max(0, Duration.between(enqueued, now).toMillis())));
        values.put(":key", s(job.effectiveKey()));
        values.put(":ttl", n(now.plus(retention.history()).getEpochSecond()));
        return values;
    }

    private static Map<String, AttributeValue> stateValues(JobRef job, JobState state, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", s(state.wireName()));
        values.put(":typeState", s(job.type() + "#" + state.wireName()));
        values.put(":stateAt", s(sortable(now) + "#" + job.jobId()));
        return values;
    }

    private static void rerunnableStates(Map<String, AttributeValue> values) {
        List<JobState> states = List.of(JobState.RECEIVED, JobState.RETRYING, JobState.DEFERRED, JobState.DEAD_LETTERED, JobState.DUPLICATE_SKIPPED);
        for (int i = 0; i < states.size(); i++) {
            values.put(":s" + i, s(states.get(i).wireName()));
        }
    }

    private static Map<String, String> names() {
        return Map.of("#state", "state", "#type", "type");
    }

    private static Map<String, String> namesUsedIn(String expression) {
        Map<String, String> all = Map.of("#state", "state", "#type", "type", "#result", "result", "#error", "error");
        Map<String, String> used = new HashMap<>();
        all.forEach((k, v) -> {
            if (expression.contains(k)) {
                used.put(k, v);
            }
        });
        return used.isEmpty() ? null : used;
    }

    /** DynamoDB refuses values an expression does not use, so only those are sent. */
    private static Map<String, AttributeValue> valuesUsedIn(String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> used = new HashMap<>();
        values.forEach((k, v) -> {
            if (expression.matches("(?s).*" + java.util.regex.Pattern.quote(k) + "(?![A-Za-z0-9_]).*")) {
                used.put(k, v);
            }
        });
        return used;
    }

    private static Map<String, AttributeValue> jobKey(String jobId) {
        return Map.of(JobsTable.PARTITION_KEY, s("JOB#" + jobId));
    }

    private static Map<String, AttributeValue> keyKey(String key) {
        return Map.of(JobsTable.PARTITION_KEY, s("KEY#" + key));
    }

    static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null || value.isEmpty() ? "-" : value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(lastEvaluatedKey).forEach((k, v) -> text.append(k).append('\u0000').append(v.s()).append('\u0000'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("page token '" + token + "' is not one this store issued");
        }
        String[] parts = text.split("\u0000", -1);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            key.put(parts[i], s(parts[i + 1]));
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("page token '" + token + "' is not one this store issued");
        }
        return key;
    }

    private static JobRecord toRecord(JobItem item) {
        List<AttemptRecord> attempts = new ArrayList<>();
        if (item.getAttempts() != null) {
            for (int i = 0; i < item.getAttempts().size(); i++) {
                AttemptItem a = item.getAttempts().get(i);
                attempts.add(new AttemptRecord(i + 1, instant(a.getStartedAt()), instant(a.getEndedAt()), a.getOutcome(), a.getError()));
            }
        }
        return new JobRecord(item.getJobId(), item.getType(), item.getPriority() == null ? null : Priority.fromWire(item.getPriority()),
                item.getState() == null ? null : JobState.fromWire(item.getState()), attempts, instant(item.getCreatedAt()),
                instant(item.getStartedAt()), instant(item.getFinishedAt()),
                item.getQueueLatencyMs() == null ? null : Duration.ofMillis(item.getQueueLatencyMs()),
                item.getDurationMs() == null ? null : Duration.ofMillis(item.getDurationMs()), item.getResult(),
                item.getDeadLetterReason(), item.getDeadLetterDetail(), instant(item.getRunAt()), item.getIdempotencyKey(),
                item.getDuplicateOf(), item.getDuplicatesSkipped() == null ? 0 : item.getDuplicatesSkipped(),
                item.getExpiresAt() == null ? null : Instant.ofEpochSecond(item.getExpiresAt()));
    }
}
