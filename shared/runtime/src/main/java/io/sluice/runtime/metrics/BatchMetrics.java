package io.sluice.runtime.metrics;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The metrics of one SQS batch of one job type, collected while its lanes run and written by {@link #flush()} as
 * one EMF document. Every recording method is thread-safe: the lanes of a batch record concurrently.
 *
 * <p>What a document holds, when anything was recorded:
 * <ul>
 *   <li>the six outcome counts ({@code Succeeded}, {@code FailedAttempts}, {@code Retried}, {@code DeadLettered},
 *       {@code Deferred}, {@code DuplicateSkipped}) summed into one value each, zeros included, so alarms and
 *       dashboards see a data point for every batch instead of missing data;</li>
 *   <li>{@code Duration} and {@code QueueLatency}, one value per job, in milliseconds;</li>
 *   <li>{@code ColdStart = 1} if it is the first document of its {@link JobTypeMetrics};</li>
 *   <li>the handler's own metrics recorded through {@link #jobMetrics()}, with the same dimensions;</li>
 *   <li>metadata {@code DeadLetterReasons}, the dead-lettered count per reason, searchable with Logs Insights.
 *       The reason is not a dimension: a document's dimension values are single top-level strings, so a batch
 *       with two reasons would need two documents, and an operator acts on any dead letter (the DLQ alarm) and
 *       then reads the reason from the DLQ message's {@value DeadLetterReason#ATTRIBUTE} attribute.</li>
 * </ul>
 *
 * <p>The document is stamped with the batch's start time. Without that, the EMF library would stamp it with the
 * moment its context was created: right after the previous flush, or at SnapStart's snapshot.
 *
 * <p>The EMF specification allows at most 100 values per metric in a document. Counts never come close; a
 * batch of more than 100 jobs (batch sizes go up to 10,000) is still flushed once, and the EMF library then
 * writes as many documents as the timings need, each complete and valid.
 */
public final class BatchMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(BatchMetrics.class);
    private static final List<SluiceMetric> OUTCOME_COUNTS = List.of(
            SluiceMetric.SUCCEEDED,
            SluiceMetric.FAILED_ATTEMPTS,
            SluiceMetric.RETRIED,
            SluiceMetric.DEAD_LETTERED,
            SluiceMetric.DEFERRED,
            SluiceMetric.DUPLICATE_SKIPPED);
    /** CloudWatch's limit on a metric name. */
    private static final int MAX_METRIC_NAME_LENGTH = 255;

    private final JobTypeMetrics owner;
    private final Priority priority;
    private final Instant startedAt;
    private final Map<SluiceMetric, LongAdder> counts = new EnumMap<>(SluiceMetric.class);
    private final ConcurrentLinkedQueue<Double> durations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Double> queueLatencies = new ConcurrentLinkedQueue<>();
    private final Map<DeadLetterReason, LongAdder> deadLetterReasons = new ConcurrentHashMap<>();
    private final Map<String, CustomMetric> custom = new ConcurrentHashMap<>();
    private final AtomicBoolean recorded = new AtomicBoolean();
    private final AtomicBoolean flushed = new AtomicBoolean();
    private final JobMetrics handlerView = new HandlerMetrics();

    BatchMetrics(JobTypeMetrics owner, Priority priority, Instant startedAt) {
        this.owner = owner;
        this.priority = priority;
        this.startedAt = startedAt;
        // Filled once here and never changed, so concurrent readers of the EnumMap are safe.
        for (SluiceMetric m : OUTCOME_COUNTS) {
            counts.put(m, new LongAdder());
        }
    }

    /** A job ran and succeeded. */
    public void succeeded() {
        count(SluiceMetric.SUCCEEDED);
    }

    /** A handler attempt failed (retryable or permanent, including a timeout). */
    public void failedAttempt() {
        count(SluiceMetric.FAILED_ATTEMPTS);
    }

    /** A job was returned to its queue for another attempt. */
    public void retried() {
        count(SluiceMetric.RETRIED);
    }

    /** A job went to its dead-letter queue for {@code reason}. */
    public void deadLettered(DeadLetterReason reason) {
        if (reason == null) {
            throw new IllegalArgumentException("a dead-lettered job has a reason");
        }
        if (count(SluiceMetric.DEAD_LETTERED)) {
            deadLetterReasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
    }

    /** A job was put off to a later moment without spending an attempt. */
    public void deferred() {
        count(SluiceMetric.DEFERRED);
    }

    /** A duplicate delivery was acknowledged without running. */
    public void duplicateSkipped() {
        count(SluiceMetric.DUPLICATE_SKIPPED);
    }

    /** How long a handler attempt ran. */
    public void duration(Duration value) {
        timing(durations, value);
    }

    /**
     * From the job's {@code createdAt} to its start. A negative value (the producer's clock ahead of ours) is
     * recorded as 0.
     */
    public void queueLatency(Duration value) {
        timing(queueLatencies, value);
    }

    /**
     * The view handed to job handlers as {@code JobContext.metrics()}: their metrics join this batch's document.
     * A name must be 1 to 255 characters and not one of Sluice's own metric, dimension or metadata names; a
     * value must be finite. A name keeps one unit within a batch.
     */
    public JobMetrics jobMetrics() {
        return handlerView;
    }

    /**
     * Writes the batch's document and ends the batch; later recordings (a lane still running after the
     * invocation answered) are dropped. Writes nothing if nothing was recorded. Never throws: a metrics
     * failure is logged and never changes a batch's outcome. Calling it again does nothing.
     */
    public void flush() {
        if (!flushed.compareAndSet(false, true) || !recorded.get()) {
            return;
        }
        try {
            owner.write(this::writeTo);
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .setCause(e)
                    .log("could not write the batch's metrics; they are lost, the batch is not affected");
        }
    }

    private void writeTo(Metrics metrics) {
        String jobType = owner.jobType();
        // setDefaultDimensions replaces the dimension sets left from the previous batch, whose priority may differ.
        metrics.setDefaultDimensions(DimensionSet.of(JobTypeMetrics.JOB_TYPE_DIMENSION, jobType));
        metrics.addDimension(DimensionSet.of(
                JobTypeMetrics.JOB_TYPE_DIMENSION, jobType, JobTypeMetrics.PRIORITY_DIMENSION, priority.wireName()));
        metrics.setTimestamp(startedAt);
        for (SluiceMetric m : OUTCOME_COUNTS) {
            metrics.addMetric(m.metricName(), counts.get(m).sum(), m.unit());
        }
        for (Double v : durations) {
            metrics.addMetric(SluiceMetric.DURATION.metricName(), v, SluiceMetric.DURATION.unit());
        }
        for (Double v : queueLatencies) {
            metrics.addMetric(SluiceMetric.QUEUE_LATENCY.metricName(), v, SluiceMetric.QUEUE_LATENCY.unit());
        }
        if (owner.takeColdStart()) {
            metrics.addMetric(SluiceMetric.COLD_START.metricName(), 1, SluiceMetric.COLD_START.unit());
        }
        new TreeMap<>(custom).forEach((name, metric) -> metric.writeTo(metrics, name));
        if (!deadLetterReasons.isEmpty()) {
            Map<String, Long> byReason = new LinkedHashMap<>();
            new TreeMap<>(deadLetterReasons).forEach((reason, n) -> byReason.put(reason.wireName(), n.sum()));
            metrics.addMetadata(JobTypeMetrics.DEAD_LETTER_REASONS_METADATA, byReason);
        }
        metrics.flush();
    }

    /** Counts one event unless the batch is already flushed; returns whether it counted. */
    private boolean count(SluiceMetric metric) {
        if (flushed.get()) {
            return false;
        }
        counts.get(metric).increment();
        recorded.set(true);
        return true;
    }

    private void timing(ConcurrentLinkedQueue<Double> values, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException("a duration must be set");
        }
        if (flushed.get()) {
            return;
        }
        values.add(Math.max(0, value.toNanos()) / 1_000_000.0);
        recorded.set(true);
    }

    private static void requireCustomName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_METRIC_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "metric name '" + name + "' is not allowed; use 1 to " + MAX_METRIC_NAME_LENGTH + " characters");
        }
        if (SluiceMetric.isReserved(name)
                || name.equals(JobTypeMetrics.JOB_TYPE_DIMENSION)
                || name.equals(JobTypeMetrics.PRIORITY_DIMENSION)
                || name.equals(JobTypeMetrics.DEAD_LETTER_REASONS_METADATA)
                || name.equals("_aws")) {
            // The same top-level member would carry two things and corrupt the document.
            throw new IllegalArgumentException("metric name '" + name + "' is reserved by Sluice; choose another name");
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "metric '" + name + "' has value " + value + "; EMF values must be finite numbers");
        }
    }

    /** A handler metric: counts are summed into one value, milliseconds keep one value per call. */
    private static final class CustomMetric {
        private final MetricUnit unit;
        private final DoubleAdder sum = new DoubleAdder();
        private final ConcurrentLinkedQueue<Double> values = new ConcurrentLinkedQueue<>();

        CustomMetric(MetricUnit unit) {
            this.unit = unit;
        }

        void record(double value) {
            if (unit == MetricUnit.COUNT) {
                sum.add(value);
            } else {
                values.add(value);
            }
        }

        void writeTo(Metrics metrics, String name) {
            if (unit == MetricUnit.COUNT) {
                metrics.addMetric(name, sum.sum(), unit);
            } else {
                for (Double v : new ArrayList<>(values)) {
                    metrics.addMetric(name, v, unit);
                }
            }
        }
    }

    /** {@link JobMetrics} over this batch. */
    private final class HandlerMetrics implements JobMetrics {
        @Override
        public void count(String name, double value) {
            record(name, value, MetricUnit.COUNT);
        }

        @Override
        public void milliseconds(String name, double value) {
            record(name, value, MetricUnit.MILLISECONDS);
        }

        private void record(String name, double value, MetricUnit unit) {
            requireCustomName(name);
            requireFinite(name, value);
            if (flushed.get()) {
                return;
            }
            CustomMetric metric = custom.computeIfAbsent(name, n -> new CustomMetric(unit));
            if (metric.unit != unit) {
                throw new IllegalArgumentException("metric '" + name + "' was recorded in " + metric.unit.getName()
                        + " and now in " + unit.getName() + "; a metric keeps one unit");
            }
            metric.record(value);
            recorded.set(true);
        }
    }
}
