package io.sluice.runtime.metrics;

import io.sluice.job.Priority;
import io.sluice.topology.JobMetric;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * The metrics of one job type in one execution environment: create one per {@code JobFunction} (during init,
 * so SnapStart snapshots it), then call {@link #startBatch(Priority)} for every SQS batch and
 * {@link BatchMetrics#flush()} when the batch is done. Each flush writes one CloudWatch
 * <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">embedded
 * metric format</a> document through Powertools for AWS Lambda (Java) metrics, in the namespace
 * {@value #NAMESPACE}.
 *
 * <p>Every document carries two dimension sets, {@code [JobType]} and {@code [JobType, Priority]}: the first
 * for alarms and dashboards per job type, the second to see whether high-priority jobs really wait less. A
 * batch always comes from one queue, so from one priority, and one document can name both.
 *
 * <p>Each instance owns its own Powertools {@link Metrics} object, created with
 * {@code new EmfMetricsProvider().getMetricsInstance()}. {@code MetricsFactory.getMetricsInstance()} and
 * {@code MetricsBuilder.build()} hand out one process-wide singleton, which would mix the dimensions and the
 * pending values of the several job types and emulated environments that sluice-local runs in one JVM.
 *
 * <p>Cold start: {@code ColdStart = 1} goes into the first document this instance writes, and never again.
 * Powertools' own {@code captureColdStartMetric} is not used: it is keyed to the process, not to the
 * environment, and writes a second document.
 */
public final class JobTypeMetrics {
    /** The CloudWatch namespace of all Sluice metrics. */
    public static final String NAMESPACE = JobMetric.NAMESPACE;
    /** The dimension that names the job type. */
    public static final String JOB_TYPE_DIMENSION = JobMetric.JOB_TYPE_DIMENSION;
    /** The dimension that names the priority (the wire name, for example {@code high}). */
    public static final String PRIORITY_DIMENSION = JobMetric.PRIORITY_DIMENSION;
    /** The metadata member with the number of dead-lettered jobs per reason, for example {@code {"invalid-payload": 2}}. */
    public static final String DEAD_LETTER_REASONS_METADATA = "DeadLetterReasons";

    /** Powertools' dimension-value rule (ASCII printable, no whitespace, at most 1024 characters). */
    private static final int MAX_DIMENSION_VALUE_LENGTH = 1024;

    private final String jobType;
    private final Clock clock;
    private final Metrics metrics;
    private final AtomicBoolean coldStartPending = new AtomicBoolean(true);

    private JobTypeMetrics(String jobType, Clock clock, Metrics metrics) {
        this.jobType = jobType;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Metrics for {@code jobType}, stamped with the system clock. */
    public static JobTypeMetrics forJobType(String jobType) {
        return forJobType(jobType, Clock.systemUTC());
    }

    /**
     * Metrics for {@code jobType}; each document is stamped with {@code clock}'s time at the start of its batch.
     * CloudWatch accepts timestamps from 14 days in the past to 2 hours in the future.
     *
     * @throws IllegalArgumentException if {@code jobType} cannot be a CloudWatch dimension value
     */
    public static JobTypeMetrics forJobType(String jobType, Clock clock) {
        requireDimensionValue(jobType);
        // Before the first Powertools instance: the EMF library resolves its destination once per process.
        EmfDestination.chooseOnce(System.getenv());
        Metrics metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(NAMESPACE);
        // An empty batch simply writes nothing (BatchMetrics never flushes it); never fail a batch over metrics.
        metrics.setRaiseOnEmptyMetrics(false);
        return new JobTypeMetrics(jobType, clock, metrics);
    }

    /** Starts collecting the metrics of one batch, all of whose messages came from the {@code priority} queue. */
    public BatchMetrics startBatch(Priority priority) {
        if (priority == null) {
            throw new IllegalArgumentException("priority must be set; a batch comes from one priority's queue");
        }
        return new BatchMetrics(this, priority, clock.instant());
    }

    /** The job type, the value of the {@value #JOB_TYPE_DIMENSION} dimension. */
    public String jobType() {
        return jobType;
    }

    /**
     * Hands the Powertools instance to {@code writer} under this instance's lock: its context is one mutable
     * object, and two batches of one environment may flush at the same time in sluice-local.
     */
    void write(Consumer<Metrics> writer) {
        synchronized (metrics) {
            writer.accept(metrics);
        }
    }

    /** True exactly once: for the first document this instance writes. */
    boolean takeColdStart() {
        return coldStartPending.compareAndSet(true, false);
    }

    private static void requireDimensionValue(String jobType) {
        if (jobType == null
                || jobType.isEmpty()
                || jobType.length() > MAX_DIMENSION_VALUE_LENGTH
                || !jobType.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("job type '" + jobType + "' cannot be a CloudWatch dimension value; "
                    + "allowed: 1 to " + MAX_DIMENSION_VALUE_LENGTH + " printable ASCII characters without spaces");
        }
    }
}
