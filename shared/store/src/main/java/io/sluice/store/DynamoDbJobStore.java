package io.sluice.store;

import io.sluice.lazy.Lazy;
import io.sluice.topology.JobsTable;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link JobStore} on DynamoDB (table layout: {@link JobsTable}). Every state change is one conditional
 * {@code UpdateItem} (or one {@code TransactWriteItems} when an explicit idempotency key has its own
 * item), so the happy path is exactly two write requests: the claim and the success. The store only
 * composes its parts: {@link ClaimWriter} takes claims, {@link HistoryWriter} records what became of a
 * job, {@link HistoryQueries} reads history back (made on the first read); all three spell the table as
 * {@link JobsTableEncoding} says.
 */
public final class DynamoDbJobStore implements JobStore {
    private final ClaimWriter claims;
    private final HistoryWriter history;
    // History reads (sluice-local, operators) are the only users of the Enhanced Client, whose bean schema costs
    // 0.2 s and 300 classes to build; a function never reads history, so it never builds one, and the function jars
    // leave the Enhanced Client out (functions/pom.xml).
    private final Lazy<HistoryQueries> queries;

    /** A store on {@code tableName} (see {@link JobsTable#name}) that keeps history and idempotency records as long as {@code retention} says. */
    public DynamoDbJobStore(DynamoDbClient dynamoDb, String tableName, Retention retention) {
        this.claims = new ClaimWriter(dynamoDb, tableName, retention);
        this.history = new HistoryWriter(dynamoDb, tableName, retention);
        this.queries = Lazy.of(() -> new HistoryQueries(dynamoDb, tableName));
    }

    @Override
    public ClaimResult claim(Claim claim) {
        return claims.claim(claim);
    }

    @Override
    public void succeeded(Claimed claim, Instant startedAt, Instant finishedAt, String result) {
        history.succeeded(claim, startedAt, finishedAt, result);
    }

    @Override
    public void failed(Claimed claim, Instant startedAt, Instant endedAt, String error, Instant retryAt) {
        history.failed(claim, endedAt, error, retryAt);
    }

    @Override
    public void deadLettered(JobRef job, Claimed claim, Instant startedAt, Instant now, String reason, String detail) {
        history.deadLettered(job, claim, startedAt, now, reason, detail);
    }

    @Override
    public void deferredAfterRun(Claimed claim, Instant startedAt, Instant endedAt, String why, Instant runAt) {
        history.deferredAfterRun(claim, endedAt, why, runAt);
    }

    @Override
    public void deferred(JobRef job, Instant now, Instant runAt) {
        history.deferred(job, now, runAt);
    }

    @Override
    public void duplicateSkipped(JobRef job, Instant now, String originalJobId) {
        history.duplicateSkipped(job, now, originalJobId);
    }

    @Override
    public Optional<JobRecord> get(String jobId) {
        return queries.get().get(jobId);
    }

    @Override
    public Page<JobRecord> list(String type, JobState state, int limit, String pageToken) {
        return queries.get().list(type, state, limit, pageToken);
    }

    @Override
    public Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken) {
        return queries.get().failures(from, to, limit, pageToken);
    }

    @Override
    public Page<JobRecord> search(JobSearch search, int limit, String pageToken) {
        return queries.get().search(search, limit, pageToken);
    }
}
