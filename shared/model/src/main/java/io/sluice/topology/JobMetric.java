package io.sluice.topology;

/**
 * The CloudWatch metrics every Sluice function publishes per job type: names, units, namespace and dimensions, the
 * contract between the runtime that writes them and the dashboards and alarms the CDK app draws from them (a renamed
 * metric breaks the build, not a graph). Counts are summed per batch into one value, so read them with the
 * {@code Sum} statistic; timings keep one value per job, so {@code p50}, {@code p99} and {@code Maximum} are real
 * per-job figures.
 */
public enum JobMetric {
    /** Jobs that ran and succeeded. */
    SUCCEEDED("Succeeded", Unit.COUNT),
    /** Handler attempts that failed, whether the job is then retried or dead-lettered. */
    FAILED_ATTEMPTS("FailedAttempts", Unit.COUNT),
    /** Jobs sent back to their queue for another attempt after a backoff delay. */
    RETRIED("Retried", Unit.COUNT),
    /** Jobs moved to their dead-letter queue, for any reason; per-reason counts are in the document's metadata. */
    DEAD_LETTERED("DeadLettered", Unit.COUNT),
    /** Jobs put off to a later moment (rate limit or not-before) without spending an attempt. */
    DEFERRED("Deferred", Unit.COUNT),
    /** Deliveries acknowledged without running because their idempotency key had already completed. */
    DUPLICATE_SKIPPED("DuplicateSkipped", Unit.COUNT),
    /** How long the handler ran, one value per attempt. */
    DURATION("Duration", Unit.MILLISECONDS),
    /** From enqueue ({@code createdAt}) to the start of the job, one value per job. */
    QUEUE_LATENCY("QueueLatency", Unit.MILLISECONDS),
    /** 1 on the first document an execution environment writes for its job type. */
    COLD_START("ColdStart", Unit.COUNT);

    /** The CloudWatch namespace of every Sluice metric. */
    public static final String NAMESPACE = "Sluice";
    /** The dimension that names the job type. */
    public static final String JOB_TYPE_DIMENSION = "JobType";
    /** The dimension that names the priority, for metrics published per priority. */
    public static final String PRIORITY_DIMENSION = "Priority";

    /** The CloudWatch units Sluice's metrics use. */
    public enum Unit {
        COUNT,
        MILLISECONDS
    }

    private final String metricName;
    private final Unit unit;

    JobMetric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The CloudWatch metric name, for example {@code DeadLettered}. */
    public String metricName() {
        return metricName;
    }

    /** The unit the metric is published with. */
    public Unit unit() {
        return unit;
    }
}
