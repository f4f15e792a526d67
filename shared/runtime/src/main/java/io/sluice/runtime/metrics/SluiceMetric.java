package io.sluice.runtime.metrics;

import io.sluice.topology.JobMetric;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The metrics Sluice publishes for every job type, as Powertools publishes them: one per {@link JobMetric} of the
 * model (which holds the names, units and namespace the dashboards and alarms also read).
 */
public enum SluiceMetric {
    /** Jobs that ran and succeeded. */
    SUCCEEDED(JobMetric.SUCCEEDED),
    /** Handler attempts that failed, whether the job is then retried or dead-lettered. */
    FAILED_ATTEMPTS(JobMetric.FAILED_ATTEMPTS),
    /** Jobs sent back to their queue for another attempt after a backoff delay. */
    RETRIED(JobMetric.RETRIED),
    /** Jobs moved to their dead-letter queue, for any reason; per-reason counts are in the document's metadata. */
    DEAD_LETTERED(JobMetric.DEAD_LETTERED),
    /** Jobs put off to a later moment (rate limit or not-before) without spending an attempt. */
    DEFERRED(JobMetric.DEFERRED),
    /** Deliveries acknowledged without running because their idempotency key had already completed. */
    DUPLICATE_SKIPPED(JobMetric.DUPLICATE_SKIPPED),
    /** How long the handler ran, one value per attempt. */
    DURATION(JobMetric.DURATION),
    /** From enqueue ({@code createdAt}) to the start of the job, one value per job. */
    QUEUE_LATENCY(JobMetric.QUEUE_LATENCY),
    /** 1 on the first document an execution environment writes for its job type. */
    COLD_START(JobMetric.COLD_START);

    private final String metricName;
    private final MetricUnit unit;

    SluiceMetric(JobMetric contract) {
        this.metricName = contract.metricName();
        this.unit = contract.unit() == JobMetric.Unit.MILLISECONDS ? MetricUnit.MILLISECONDS : MetricUnit.COUNT;
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
