package io.sluice.topology;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The key design of the {@code <app>-jobs} table, which holds job history and idempotency records. Its aim is
 * that a job that succeeds at its first attempt costs three write units in all (two table writes and one index
 * entry), and that no index partition is shared by all jobs of a type, so one type can run thousands of jobs a
 * second; {@code docs/job-state.md} works both out.
 *
 * <ul>
 *   <li>{@code pk = JOB#<jobId>}: one item per job, its history. When the idempotency key is the job id
 *       (the default), the same item is the idempotency record, so a job costs two table writes in all.</li>
 *   <li>{@code pk = KEY#<idempotencyKey>}: the idempotency record of an explicit key shared by several
 *       job ids; written in the same transaction as the job item.</li>
 *   <li>GSI {@value #BY_STATE}: {@code stateShard = <type>#<state>#<priority>#<shard>},
 *       {@code stateAt = <changed at>#<jobId>}, projecting {@code source}: "jobs of type T in state S, newest
 *       first", one query per priority and shard, merged. Every state change writes it, except a claim of a
 *       job's first delivery: that run is short (at most the function's timeout) and listing it would cost two
 *       of the three write units; a run that outlives its delivery (a crash, a timeout, a retry) is claimed again
 *       by a redelivery and listed then. The priority in the key keeps a high-priority job's entry off the
 *       partitions a low-priority flood of its type writes; the {@value #SHARDS} shards (from the job id's hash)
 *       spread one type, state and priority over as many partitions.</li>
 *   <li>GSI {@value #DEAD_LETTERS} (sparse, only dead-lettered jobs carry its keys, keys only):
 *       {@code failedShard = <yyyy-MM-dd>#<priority>#<shard>}, {@code failedAt = <finished at>#<jobId>}: "failures
 *       in a time window", one query per UTC day, priority and shard.</li>
 *   <li>GSI {@value #BY_IDEMPOTENCY_KEY} (sparse, only jobs with an explicit idempotency key carry its key, keys
 *       only): {@code explicitKey = <idempotencyKey>}: "the jobs that used this key"; a job that is its own key
 *       is found by id.</li>
 *   <li>TTL on {@code expiresAt} (epoch seconds): history retention, 30 days by default.</li>
 * </ul>
 * Times in sort keys use a fixed-width UTC format with milliseconds, so string order is time order. Queries read
 * index entries, then the items they point to ({@code BatchGetItem}): reads cost a quarter of writes per unit and
 * need no projection to stay in step with the item.
 */
public final class JobsTable {
    public static final String PARTITION_KEY = "pk";
    public static final String BY_STATE = "byState";
    public static final String DEAD_LETTERS = "deadLetters";
    public static final String BY_IDEMPOTENCY_KEY = "byIdempotencyKey";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** The {@value #BY_STATE} index's partition key attribute. */
    public static final String STATE_SHARD = "stateShard";
    /** The {@value #BY_STATE} index's sort key attribute: {@code <changed at>#<jobId>}. */
    public static final String STATE_AT = "stateAt";
    /** The {@value #DEAD_LETTERS} index's partition key attribute. */
    public static final String FAILED_SHARD = "failedShard";
    /** The {@value #DEAD_LETTERS} index's sort key attribute: {@code <finished at>#<jobId>}. */
    public static final String FAILED_AT = "failedAt";
    /** The {@value #BY_IDEMPOTENCY_KEY} index's partition key attribute. */
    public static final String EXPLICIT_KEY = "explicitKey";
    /** Partitions per type, state and priority in {@value #BY_STATE}, and per day in {@value #DEAD_LETTERS}. */
    public static final int SHARDS = 8;

    /** The index of jobs by type and state before issue #16 ({@code typeState}, {@code stateAt}, all attributes). */
    public static final String LEGACY_BY_TYPE_STATE = "byTypeState";
    /** The index of dead letters by day before issue #16 ({@code failedDay}, {@code failedAt}, all attributes). */
    public static final String LEGACY_FAILURES = "failures";

    private static final DateTimeFormatter SORTABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private JobsTable() {}

    /** The table name for an app: {@code <app>-jobs}. */
    public static String name(String app) {
        return app + "-jobs";
    }

    /** The table as sluice-local and the CDK app create it. */
    public static TableSpec spec(String app) {
        return new TableSpec(name(app), PARTITION_KEY, null, indexes(), TTL_ATTRIBUTE);
    }

    /** The table's indexes, as this version reads and writes them. */
    public static List<TableSpec.IndexSpec> indexes() {
        return List.of(
                new TableSpec.IndexSpec(BY_STATE, STATE_SHARD, STATE_AT, TableSpec.Projection.include("source")),
                new TableSpec.IndexSpec(DEAD_LETTERS, FAILED_SHARD, FAILED_AT, TableSpec.Projection.keysOnly()),
                new TableSpec.IndexSpec(BY_IDEMPOTENCY_KEY, EXPLICIT_KEY, null, TableSpec.Projection.keysOnly()));
    }

    /**
     * The indexes of tables created before issue #16, which this version neither writes nor reads; a deployed
     * stack keeps them while it moves to {@link #indexes()}, one index per update (infra/README.md).
     */
    public static List<TableSpec.IndexSpec> legacyIndexes() {
        return List.of(
                new TableSpec.IndexSpec(LEGACY_BY_TYPE_STATE, "typeState", STATE_AT),
                new TableSpec.IndexSpec(LEGACY_FAILURES, "failedDay", FAILED_AT));
    }

    /** The partition key of a job's history item: {@code JOB#<jobId>}. */
    public static String jobPartition(String jobId) {
        return "JOB#" + jobId;
    }

    /** The shard of a job, {@code 0} to {@code SHARDS - 1}: from its id's hash, so every write of a job agrees. */
    public static int shard(String jobId) {
        return Math.floorMod(jobId.hashCode(), SHARDS);
    }

    /** The {@value #BY_STATE} partition a job in a state is listed under. */
    public static String stateShard(String type, String state, String priority, int shard) {
        return type + "#" + state + "#" + priority + "#" + shard;
    }

    /** The {@value #DEAD_LETTERS} partition of a job of a priority dead-lettered on a UTC day. */
    public static String failedShard(Instant at, String priority, int shard) {
        return DAY.format(at) + "#" + priority + "#" + shard;
    }

    /** Times as the table stores them: ISO-8601 UTC with milliseconds, so text order is time order. */
    public static String time(Instant instant) {
        return SORTABLE_TIME.format(instant);
    }
}
