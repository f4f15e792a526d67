package io.sluice.topology;

/**
 * The contract between a deployed function and what deploys it: the Lambda handler name and every {@code SLUICE_*}
 * environment variable the runtime itself reads. The CDK app sets them, the runtime's composition root
 * ({@code JobFunction.from}) reads them, sluice-local passes the same names in a map; one place, so a rename is a
 * compile error instead of a function that silently ignores its setting. Job types' own settings (for example
 * {@code SLUICE_WEBHOOK_ALLOW_HOSTS}) are documented with each type and read through {@code JobConfig}.
 */
public final class SluiceEnvironment {
    /** The Lambda handler of every Sluice function. */
    public static final String HANDLER = "io.sluice.runtime.SluiceHandler::handleRequest";

    /** The job type this function runs (required). */
    public static final String JOB_TYPE = "SLUICE_JOB_TYPE";
    /** The app name, the prefix of every resource; default {@value Topology#DEFAULT_APP}. */
    public static final String APP = "SLUICE_APP";
    /** The job history and idempotency table; default {@code <app>-jobs}. */
    public static final String JOBS_TABLE = "SLUICE_JOBS_TABLE";
    /** The rate-limit counters' table; default {@code <app>-rate-limits}. */
    public static final String RATE_LIMITS_TABLE = "SLUICE_RATE_LIMITS_TABLE";
    /** How long job history is kept, an ISO-8601 duration; default 30 days. */
    public static final String HISTORY_RETENTION = "SLUICE_HISTORY_RETENTION";
    /** How long a completed idempotency key refuses a duplicate, an ISO-8601 duration; default 24 hours. */
    public static final String IDEMPOTENCY_WINDOW = "SLUICE_IDEMPOTENCY_WINDOW";
    /** The log level of the function's JSON logs ({@code trace} .. {@code error}); default Lambda's own level. */
    public static final String LOG_LEVEL = "SLUICE_LOG_LEVEL";
    /** The role EventBridge Scheduler assumes for the producer client's one-time schedules. */
    public static final String SCHEDULER_ROLE_ARN = "SLUICE_SCHEDULER_ROLE_ARN";
    /** The dead-letter queue of the producer client's one-time schedules. */
    public static final String SCHEDULE_DLQ_ARN = "SLUICE_SCHEDULE_DLQ_ARN";
    /**
     * Whether the function publishes its EMF metrics ({@code on}, the default, or {@code off}). On Lambda they are the
     * dashboard's and the alarms' source; sluice-local turns them off unless asked, since they would be printed.
     */
    public static final String METRICS = "SLUICE_METRICS";
    /** The most times a job's handler may defer it (a provider's 429) before it is dead-lettered; default 100. */
    public static final String MAX_DEFERRALS = "SLUICE_MAX_DEFERRALS";
    /** The longest a job may keep being deferred by its handler, from the first deferral, ISO-8601; default P7D. */
    public static final String MAX_DEFERRAL_TIME = "SLUICE_MAX_DEFERRAL_TIME";
    /** The prefix of a catalogue override's variable, for example {@code SLUICE_MAX_ATTEMPTS}. */
    public static final String OVERRIDE_PREFIX = "SLUICE_";

    private SluiceEnvironment() {}
}
