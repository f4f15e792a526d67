package io.sluice.ops;

import io.sluice.topology.JobTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * The CloudWatch figures of {@code status}, in one {@code GetMetricData} call for every type: per function the
 * maximum {@code ConcurrentExecutions} and the sums of {@code Invocations}, {@code Errors} and {@code Throttles} over
 * the window; per queue the latest {@code ApproximateAgeOfOldestMessage} (SQS publishes it every minute; SQS's API
 * itself has no such attribute). Metrics are a view, not a control: when CloudWatch cannot be read the figures are
 * {@code null} and the error is reported beside them, and the rest of the status stands.
 */
final class FunctionMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionMetrics.class);
    /** GetMetricData takes at most 500 queries a call. */
    private static final int MAX_QUERIES = 500;

    private final CloudWatchClient cloudWatch;

    FunctionMetrics(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** What was read: figures by query id, and why nothing was, if so. */
    record Figures(Map<String, List<Double>> values, String error) {
        Double max(String id) {
            List<Double> v = values.get(id);
            return v == null || v.isEmpty()
                    ? null
                    : v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        Long sum(String id) {
            List<Double> v = values.get(id);
            return v == null || v.isEmpty()
                    ? null
                    : Math.round(v.stream().mapToDouble(Double::doubleValue).sum());
        }

        /** The newest datapoint; CloudWatch returns them newest first by default. */
        Double latest(String id) {
            List<Double> v = values.get(id);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Query ids for a type's function ({@code f<n>c}, {@code f<n>i}, ...) and queues ({@code q<n>_<m>}). */
    static String id(String kind, int type, int queue) {
        return kind + type + "_" + queue;
    }

    Figures read(List<JobTopology> jobs, Instant from, Instant to) {
        List<MetricDataQuery> queries = new ArrayList<>();
        int period = (int) Math.max(60, Duration.between(from, to).toSeconds() / 60 * 60);
        for (int t = 0; t < jobs.size(); t++) {
            JobTopology job = jobs.get(t);
            String fn = job.function().name();
            queries.add(
                    query(id("fc", t, 0), "AWS/Lambda", "ConcurrentExecutions", "FunctionName", fn, period, "Maximum"));
            queries.add(query(id("fi", t, 0), "AWS/Lambda", "Invocations", "FunctionName", fn, period, "Sum"));
            queries.add(query(id("fe", t, 0), "AWS/Lambda", "Errors", "FunctionName", fn, period, "Sum"));
            queries.add(query(id("ft", t, 0), "AWS/Lambda", "Throttles", "FunctionName", fn, period, "Sum"));
            for (int q = 0; q < job.queues().size(); q++) {
                queries.add(query(
                        id("qa", t, q),
                        "AWS/SQS",
                        "ApproximateAgeOfOldestMessage",
                        "QueueName",
                        job.queues().get(q).name(),
                        60,
                        "Maximum"));
            }
        }
        Map<String, List<Double>> values = new HashMap<>();
        try {
            for (int i = 0; i < queries.size(); i += MAX_QUERIES) {
                List<MetricDataQuery> part = queries.subList(i, Math.min(queries.size(), i + MAX_QUERIES));
                String token = null;
                do {
                    String next = token;
                    GetMetricDataResponse page = cloudWatch.getMetricData(r -> r.metricDataQueries(part)
                            .startTime(from)
                            .endTime(to)
                            .nextToken(next));
                    for (MetricDataResult result : page.metricDataResults()) {
                        values.computeIfAbsent(result.id(), k -> new ArrayList<>())
                                .addAll(result.values());
                    }
                    token = page.nextToken();
                } while (token != null && !token.isEmpty());
            }
            return new Figures(values, null);
        } catch (SdkException e) {
            LOG.warn("status without CloudWatch figures: {}", e.getMessage());
            return new Figures(Map.of(), "CloudWatch could not be read: " + e.getMessage());
        }
    }

    private static MetricDataQuery query(
            String id, String namespace, String metric, String dimension, String value, int period, String stat) {
        return MetricDataQuery.builder()
                .id(id)
                .returnData(true)
                .metricStat(s -> s.metric(m -> m.namespace(namespace)
                                .metricName(metric)
                                .dimensions(Dimension.builder()
                                        .name(dimension)
                                        .value(value)
                                        .build()))
                        .period(period)
                        .stat(stat))
                .build();
    }
}
