package io.sluice.infra.monitoring;

import io.sluice.topology.JobMetric;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * CloudWatch metric references to what the runtime publishes (namespace {@value JobMetric#NAMESPACE}): the
 * names, namespace and dimensions come from the runtime's own constants, so a renamed metric or dimension breaks
 * the build rather than a graph.
 */
final class SluiceMetrics {
    static final Duration PERIOD = Duration.minutes(5);

    private SluiceMetrics() {}

    /** A type's metric from the {@code [JobType]} dimension set. */
    static Metric of(String type, JobMetric metric, String statistic) {
        return metric(
                Map.of(JobMetric.JOB_TYPE_DIMENSION, type),
                metric,
                statistic,
                metric.metricName() + (statistic.equals("Sum") ? "" : " " + statistic));
    }

    /** A type's metric for one priority, from the {@code [JobType, Priority]} dimension set, labelled with the priority. */
    static Metric of(String type, String priority, JobMetric metric, String statistic) {
        return metric(
                Map.of(JobMetric.JOB_TYPE_DIMENSION, type, JobMetric.PRIORITY_DIMENSION, priority),
                metric,
                statistic,
                priority);
    }

    private static Metric metric(Map<String, String> dimensions, JobMetric metric, String statistic, String label) {
        return Metric.Builder.create()
                .namespace(JobMetric.NAMESPACE)
                .metricName(metric.metricName())
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(PERIOD)
                .label(label)
                .build();
    }
}
