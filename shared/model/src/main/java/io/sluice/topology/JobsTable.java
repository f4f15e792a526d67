package io.sluice.topology;

import java.util.List;

/**
 * The key design of the {@code <app>-jobs} table, which holds job history and idempotency records.
 *
 * <ul>
 *   <li>{@code pk = JOB#<jobId>}: one item per job, its history. When the idempotency key is the job id
 *       (the default), the same item is the idempotency record, so a job costs two writes in all.</li>
 *   <li>{@code pk = KEY#<idempotencyKey>}: the idempotency record of an explicit key shared by several
 *       job ids; written in the same transaction as the job item.</li>
 *   <li>GSI {@value #BY_TYPE_STATE}: {@code typeState = <type>#<state>}, {@code stateAt = <changed at>#<jobId>}:
 *       "jobs of type T in state S, newest first", paged, without a scan.</li>
 *   <li>GSI {@value #FAILURES} (sparse, only dead-lettered jobs carry its keys):
 *       {@code failedDay = <yyyy-MM-dd>}, {@code failedAt = <finished at>#<jobId>}: "failures in a time
 *       window", one query per UTC day of the window.</li>
 *   <li>GSI {@value #BY_IDEMPOTENCY_KEY} (sparse, only jobs with an explicit idempotency key carry its key):
 *       {@code explicitKey = <idempotencyKey>}: "the jobs that used this key"; a job that is its own key is
 *       found by id.</li>
 *   <li>TTL on {@code expiresAt} (epoch seconds): history retention, 30 days by default.</li>
 * </ul>
 * Times in sort keys use a fixed-width UTC format with milliseconds, so string order is time order.
 */
public final class JobsTable {
    public static final String PARTITION_KEY = "pk";
    public static final String BY_TYPE_STATE = "byTypeState";
    public static final String FAILURES = "failures";
    public static final String BY_IDEMPOTENCY_KEY = "byIdempotencyKey";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private JobsTable() {}

    /** The table name for an app: {@code <app>-jobs}. */
    public static String name(String app) {
        return app + "-jobs";
    }

    public static TableSpec spec(String app) {
        return new TableSpec(
                name(app),
                PARTITION_KEY,
                null,
                List.of(
                        new TableSpec.IndexSpec(BY_TYPE_STATE, "typeState", "stateAt"),
                        new TableSpec.IndexSpec(FAILURES, "failedDay", "failedAt"),
                        new TableSpec.IndexSpec(BY_IDEMPOTENCY_KEY, "explicitKey", null)),
                TTL_ATTRIBUTE);
    }

    /** The partition key of a job's history item: {@code JOB#<jobId>}. */
    public static String jobPartition(String jobId) {
        return "JOB#" + jobId;
    }

    /** Times as the table stores them: ISO-8601 UTC with milliseconds, so text order is time order. */
    public static String time(java.time.Instant instant) {
        return SORTABLE_TIME.format(instant);
    }

    private static final java.time.format.DateTimeFormatter SORTABLE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC);
}
