package io.sluice.metrics;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The metrics Sluice publishes for every job type, under the namespace {@value JobTypeMetrics#NAMESPACE}.
 * Counts are summed per batch into one value, so read them with the {@code Sum} statistic; timings keep one
 * value per job, so {@code p50}, {@code p99} and {@code Maximum} are real per-job figures.
 */
public enum SluiceMetric {
    /** Jobs that ran and succeeded. */
    SUCCEEDED("Succeeded", MetricUnit.COUNT),
    /** Handler attempts that failed, whether the job is then retried or dead-lettered. */
    FAILED_ATTEMPTS("FailedAttempts", MetricUnit.COUNT),
    /** Jobs sent back to their queue for another attempt after a backoff delay. */
    RETRIED("Retried", MetricUnit.COUNT),
    /** Jobs moved to their dead-letter queue, for any reason; per-reason counts are in the document's metadata. */
    DEAD_LETTERED("DeadLettered", MetricUnit.COUNT),
    /** Jobs put off to a later moment (rate limit or not-before) without spending an attempt. */
    DEFERRED("Deferred", MetricUnit.COUNT),
    /** Deliveries acknowledged without running because their idempotency key had already completed. */
    DUPLICATE_SKIPPED("DuplicateSkipped", MetricUnit.COUNT),
    /** How long the handler ran, one value per attempt. */
    DURATION("Duration", MetricUnit.MILLISECONDS),
    /** From enqueue ({@code createdAt}) to the start of the job, one value per job. */
    QUEUE_LATENCY("QueueLatency", MetricUnit.MILLISECONDS),
    /** 1 on the first document an execution environment writes for its job type. */
    COLD_START("ColdStart", MetricUnit.COUNT);

    private final String metricName;
    private final MetricUnit unit;

    SluiceMetric(String metricName, MetricUnit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    /** The CloudWatch metric name, for example {@code DeadLettered}. */
    public String metricName() {
        return metricName;
    }

    /** The CloudWatch unit the metric is published with. */
    public MetricUnit unit() {
        return unit;
    }

    /** Whether {@code name} is the name of one of Sluice's own metrics. */
    static boolean isReserved(String name) {
        for (SluiceMetric m : values()) {
            if (m.metricName.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
