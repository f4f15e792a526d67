package io.sluice.ops;

import io.sluice.topology.JobTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads what {@link SluiceOperations#status()} and {@link SluiceOperations#overview()} show of each type: its queues'
 * depths and consumers, dead-letter depth, oldest message age and the workers' figures (one CloudWatch read for all
 * types), its recurring schedules, and the last {@link SluiceOperations#STATUS_WINDOW} of history.
 */
final class StatusReader {
    private final String app;
    private final Clock clock;
    private final SqsClient sqs;
    private final QueueDirectory queues;
    private final DeadLetterQueues deadLetters;
    private final Consumption consumption;
    private final JobHistory history;
    private final FunctionMetrics metrics;

    StatusReader(
            String app,
            Clock clock,
            SqsClient sqs,
            QueueDirectory queues,
            DeadLetterQueues deadLetters,
            Consumption consumption,
            JobHistory history,
            FunctionMetrics metrics) {
        this.app = app;
        this.clock = clock;
        this.sqs = sqs;
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.consumption = consumption;
        this.history = history;
        this.metrics = metrics;
    }

    StatusReport all() {
        Instant now = clock.instant();
        return new StatusReport(
                app,
                now,
                read(queues.topology().jobs(), now).stream()
                        .map(TypeOverview::status)
                        .toList());
    }

    /** Each type's history is read once for the summary and the per-minute counts together. */
    List<TypeOverview> overview() {
        return read(queues.topology().jobs(), clock.instant());
    }

    TypeStatus of(String type) {
        return read(List.of(queues.job(type)), clock.instant()).get(0).status();
    }

    /** The types' figures (one CloudWatch read for all), schedules and last {@code STATUS_WINDOW}, as of {@code now}. */
    private List<TypeOverview> read(List<JobTopology> jobs, Instant now) {
        Map<String, List<ScheduleStatus>> schedules = consumption.schedulesByTarget();
        Instant from = now.minus(SluiceOperations.STATUS_WINDOW);
        FunctionMetrics.Figures figures = metrics.read(jobs, from, now);
        List<TypeOverview> types = new ArrayList<>();
        for (int t = 0; t < jobs.size(); t++) {
            JobTopology job = jobs.get(t);
            JobHistory.Recent recent = history.recent(job.type(), from, now);
            types.add(new TypeOverview(
                    status(job, t, figures, schedules, history.summary(recent)), history.activity(job.type(), recent)));
        }
        return types;
    }

    private TypeStatus status(
            JobTopology job,
            int index,
            FunctionMetrics.Figures figures,
            Map<String, List<ScheduleStatus>> schedules,
            HistorySummary lastHour) {
        List<QueueStatus> queueStatus = new ArrayList<>();
        List<ScheduleStatus> typeSchedules = new ArrayList<>();
        List<QueuePair> pairs = queues.of(job.type(), null);
        for (int n = 0; n < pairs.size(); n++) {
            QueuePair q = pairs.get(n);
            Double age = figures.latest(FunctionMetrics.id("qa", index, n));
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(q.url())
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    .attributes();
            List<ConsumerStatus> consumers = consumption.consumers(q);
            queueStatus.add(new QueueStatus(
                    q.priority(),
                    q.name(),
                    number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                    number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED),
                    deadLetters.depth(q),
                    age == null ? null : Duration.ofSeconds(Math.round(age)),
                    !consumers.isEmpty() && consumers.stream().noneMatch(ConsumerStatus::enabled),
                    consumers));
            typeSchedules.addAll(schedules.getOrDefault(q.arn(), List.of()));
        }
        WorkerStatus workers = new WorkerStatus(
                job.function().name(),
                job.function().reservedConcurrency(),
                figures.max(FunctionMetrics.id("fc", index, 0)),
                figures.sum(FunctionMetrics.id("fi", index, 0)),
                figures.sum(FunctionMetrics.id("fe", index, 0)),
                figures.sum(FunctionMetrics.id("ft", index, 0)),
                figures.error());
        return new TypeStatus(
                job.type(), queueStatus, typeSchedules, lastHour, workers, TypeSettings.of(job.definition()));
    }

    private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String v = attributes.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }
}
