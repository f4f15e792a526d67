package io.sluice.infra.monitoring;

import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.topology.JobMetric;
import io.sluice.topology.JobTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * The three alarms of one job type, each notifying the alarm topic when it fires and when it clears:
 * <ul>
 *   <li>{@code <app>-<type>-dead-letters}: any message in any of the type's dead-letter queues (its schedule's too);</li>
 *   <li>{@code <app>-<type>-oldest-message}: the oldest message of any of its queues is older than
 *       {@link AlarmThresholds#oldestMessageAge()}, so jobs are waiting longer than retries explain;</li>
 *   <li>{@code <app>-<type>-error-rate}: failed attempts (Sluice's {@code FailedAttempts}) plus failed invocations
 *       (Lambda's {@code Errors}: a crash or timeout fails a whole batch) above {@link AlarmThresholds#errorRatePercent()}
 *       of all attempts, in two of three 5-minute periods. Job failures are reported as partial batch responses,
 *       which Lambda counts as successful invocations, so Lambda's error metric alone would stay quiet.</li>
 * </ul>
 * Missing data is not breaching: an idle type publishes few metrics.
 */
public final class JobAlarms extends Construct {
    private final Alarm deadLetters;
    private final Alarm oldestMessage;
    private final Alarm errorRate;

    public JobAlarms(Construct scope, String id, JobAlarmsProps props) {
        super(scope, id);
        JobTopology job = props.job();
        AlarmThresholds thresholds = props.thresholds();
        String prefix = props.app() + "-" + job.type();
        Map<String, IMetric> dlqDepth = new LinkedHashMap<>();
        Map<String, IMetric> ages = new LinkedHashMap<>();
        for (PriorityQueue q : props.queues().all()) {
            String name = q.priority().wireName();
            dlqDepth.put(name, q.deadLetterQueue().metricApproximateNumberOfMessagesVisible(maximum()));
            ages.put(name, q.queue().metricApproximateAgeOfOldestMessage(maximum()));
        }
        props.scheduleDeadLetters()
                .ifPresent(dlq -> dlqDepth.put("schedule", dlq.metricApproximateNumberOfMessagesVisible(maximum())));
        deadLetters = Alarm.Builder.create(this, "DeadLetters")
                .alarmName(prefix + "-dead-letters")
                .alarmDescription("Jobs of type " + job.type()
                        + " are in a dead-letter queue: read their sluice-dead-letter-reason"
                        + " attribute, fix the cause, then redrive them to their queue")
                .metric(math(
                        String.join(
                                " + ",
                                dlqDepth.keySet().stream()
                                        .map(k -> "FILL(" + k + ", 0)")
                                        .toList()),
                        dlqDepth,
                        "Messages in dead-letter queues"))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        oldestMessage = Alarm.Builder.create(this, "OldestMessage")
                .alarmName(prefix + "-oldest-message")
                .alarmDescription(
                        "A job of type " + job.type() + " has waited longer than " + thresholds.oldestMessageAge()
                                + ": the function is failing, throttled or too slow for the load")
                .metric(math("MAX([" + String.join(", ", ages.keySet()) + "])", ages, "Age of the oldest message (s)"))
                .threshold(thresholds.oldestMessageAge().toSeconds())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Map<String, IMetric> outcomes = new LinkedHashMap<>();
        outcomes.put("ok", SluiceMetrics.of(job.type(), JobMetric.SUCCEEDED, "Sum"));
        outcomes.put("failed", SluiceMetrics.of(job.type(), JobMetric.FAILED_ATTEMPTS, "Sum"));
        outcomes.put(
                "errors",
                props.lambda()
                        .function()
                        .metricErrors(MetricOptions.builder()
                                .statistic("Sum")
                                .period(SluiceMetrics.PERIOD)
                                .build()));
        Map<String, IMetric> parts = new LinkedHashMap<>();
        parts.put("bad", math("FILL(failed, 0) + FILL(errors, 0)", outcomes, "Failed attempts and invocations"));
        parts.put("total", math("FILL(ok, 0) + FILL(failed, 0) + FILL(errors, 0)", outcomes, "Attempts"));
        errorRate = Alarm.Builder.create(this, "ErrorRate")
                .alarmName(prefix + "-error-rate")
                .alarmDescription("More than " + thresholds.errorRatePercent() + "% of " + job.type()
                        + " attempts failed: see the function's log for errorType and errorMessage")
                .metric(math("IF(total > 0, 100 * bad / total, 0)", parts, "Failed attempts (%)"))
                .threshold(thresholds.errorRatePercent())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        SnsAction notify = new SnsAction(props.alarmTopic());
        for (Alarm alarm : all()) {
            alarm.addAlarmAction(notify);
            alarm.addOkAction(notify);
        }
    }

    /** The alarms, in the order the dashboard shows them. */
    public List<Alarm> all() {
        return List.of(deadLetters, oldestMessage, errorRate);
    }

    private static MetricOptions maximum() {
        return MetricOptions.builder()
                .statistic("Maximum")
                .period(SluiceMetrics.PERIOD)
                .build();
    }

    private static MathExpression math(String expression, Map<String, IMetric> metrics, String label) {
        return MathExpression.Builder.create()
                .expression(expression)
                .usingMetrics(metrics)
                .label(label)
                .period(SluiceMetrics.PERIOD)
                .build();
    }
}
