package io.sluice.infra.monitoring;

import io.sluice.infra.jobs.JobLambda;
import io.sluice.infra.jobs.JobQueues;
import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.topology.JobMetric;
import io.sluice.topology.JobTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The app's one CloudWatch dashboard, {@code <app>}: the state of every alarm at the top, then per job type a header
 * and three rows of graphs, every title starting with the type's name:
 * <ol>
 *   <li>queues: depth (visible messages) by priority, age of the oldest message by priority, dead-letter queue depth;</li>
 *   <li>function: invocations, errors and throttles; duration (p50, p99, maximum); concurrent executions against the
 *       reserved concurrency;</li>
 *   <li>Sluice's own metrics: jobs succeeded, failed attempts, retried, dead-lettered, deferred, duplicates skipped;
 *       job duration (p50, p99); queue latency (enqueue to start, p90) by priority, which shows whether priorities
 *       work under load.</li>
 * </ol>
 */
public final class JobDashboard extends Construct {
    private static final int WIDTH = 8;
    private static final int HEIGHT = 6;

    /** What the dashboard shows of one job type. */
    public record Job(JobTopology topology, JobQueues queues, JobLambda function, JobAlarms alarms) {}

    private final Dashboard dashboard;

    public JobDashboard(Construct scope, String id, JobDashboardProps props) {
        super(scope, id);
        List<List<IWidget>> rows = new ArrayList<>();
        List<IAlarm> alarms = new ArrayList<>(props.appAlarms());
        props.jobs().forEach(j -> alarms.addAll(j.alarms().all()));
        rows.add(List.of(AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(alarms)
                .width(24)
                .height(Math.max(2, 1 + (alarms.size() + 2) / 3))
                .build()));
        for (Job job : props.jobs()) {
            rows.addAll(rowsOf(job));
        }
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(props.app())
                .defaultInterval(Duration.hours(3))
                .widgets(rows)
                .build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    private static List<List<IWidget>> rowsOf(Job job) {
        String type = job.topology().type();
        List<PriorityQueue> queues = job.queues().all();
        Function fn = job.function().function();
        MetricOptions sum = options("Sum", null);
        TextWidget header = TextWidget.Builder.create()
                .width(24)
                .height(2)
                .markdown(header(job.topology()))
                .build();
        List<IWidget> queueRow = List.of(
                graph(
                        type + ": queue depth",
                        queues.stream()
                                .map(q -> (IMetric) q.queue()
                                        .metricApproximateNumberOfMessagesVisible(
                                                options("Maximum", q.priority().wireName())))
                                .toList()),
                graph(
                        type + ": age of oldest message (s)",
                        queues.stream()
                                .map(q -> (IMetric) q.queue()
                                        .metricApproximateAgeOfOldestMessage(
                                                options("Maximum", q.priority().wireName())))
                                .toList()),
                graph(
                        type + ": dead-letter queue depth",
                        queues.stream()
                                .map(q -> (IMetric) q.deadLetterQueue()
                                        .metricApproximateNumberOfMessagesVisible(
                                                options("Maximum", q.priority().wireName() + " DLQ")))
                                .toList()));
        List<IWidget> functionRow = List.of(
                graph(
                        type + ": invocations, errors, throttles",
                        List.of(fn.metricInvocations(sum), fn.metricErrors(sum), fn.metricThrottles(sum))),
                graph(
                        type + ": function duration (ms)",
                        List.of(
                                fn.metricDuration(options("p50", "p50")),
                                fn.metricDuration(options("p99", "p99")),
                                fn.metricDuration(options("Maximum", "max")))),
                GraphWidget.Builder.create()
                        .title(type + ": concurrent executions")
                        .width(WIDTH)
                        .height(HEIGHT)
                        .left(List.of(fn.metric("ConcurrentExecutions", options("Maximum", "concurrent executions"))))
                        .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(job.topology().function().reservedConcurrency())
                                .label("reserved concurrency")
                                .build()))
                        .build());
        List<IWidget> jobsRow = List.of(
                graph(
                        type + ": jobs",
                        List.of(
                                        JobMetric.SUCCEEDED,
                                        JobMetric.FAILED_ATTEMPTS,
                                        JobMetric.RETRIED,
                                        JobMetric.DEAD_LETTERED,
                                        JobMetric.DEFERRED,
                                        JobMetric.DUPLICATE_SKIPPED)
                                .stream()
                                .map(m -> (IMetric) SluiceMetrics.of(type, m, "Sum"))
                                .toList()),
                graph(
                        type + ": job duration (ms)",
                        List.of(
                                SluiceMetrics.of(type, JobMetric.DURATION, "p50"),
                                SluiceMetrics.of(type, JobMetric.DURATION, "p99"))),
                graph(
                        type + ": queue latency p90 by priority (ms)",
                        queues.stream()
                                .map(q -> (IMetric)
                                        SluiceMetrics.of(type, q.priority().wireName(), JobMetric.QUEUE_LATENCY, "p90"))
                                .toList()));
        return List.of(List.of(header), queueRow, functionRow, jobsRow);
    }

    private static String header(JobTopology job) {
        String priorities = job.queues().stream()
                .map(q ->
                        q.priority().wireName() + " (" + q.eventSourceMapping().maximumConcurrency() + ")")
                .collect(Collectors.joining(", "));
        String description = job.definition().description().isBlank()
                ? ""
                : "  \n" + job.definition().description();
        return "## " + job.type() + "\nQueues " + priorities + " of reserved concurrency "
                + job.function().reservedConcurrency()
                + "; function timeout " + job.function().timeout().toSeconds() + " s, "
                + job.function().memoryMb() + " MB"
                + (job.definition().fifo() ? "; FIFO" : "") + description;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .width(WIDTH)
                .height(HEIGHT)
                .left(metrics)
                .build();
    }

    private static MetricOptions options(String statistic, String label) {
        return MetricOptions.builder()
                .statistic(statistic)
                .period(SluiceMetrics.PERIOD)
                .label(label)
                .build();
    }
}
