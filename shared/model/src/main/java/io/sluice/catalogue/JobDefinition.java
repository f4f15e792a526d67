package io.sluice.catalogue;

import io.sluice.job.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of the job catalogue: everything Sluice knows about a job type, as written by the
 * annotation processor from {@link io.sluice.job.Job} and possibly changed by {@link JobOverrides}.
 * {@link #problems()} checks every setting against what SQS and Lambda accept; the processor turns its
 * findings into compile errors and the runtime refuses to start with any. Build one with {@link #builder()}, or
 * change some settings of one with {@link #toBuilder()}, so that a setting added later is added in one place.
 *
 * @param parallelism how many messages of one standard-queue batch run at once (FIFO batches run one
 *     message group at a time per lane, see the runtime); derived as {@code min(batchSize, 10)} unless
 *     overridden
 * @param rateLimit how often the type may run; {@link RateLimitSpec#UNLIMITED} for no limit ({@code null}, as in
 *     a catalogue line written before rate limits existed, is read as unlimited, so this is never {@code null})
 * @param schedule the recurring schedule that fires the type; {@link ScheduleSpec#NONE} when it has none (never {@code null})
 * @param validatorClass the binary name of the type's {@link io.sluice.job.PayloadValidator}, or {@code null} for none
 */
public record JobDefinition(
        String type,
        String handlerClass,
        String payloadClass,
        List<Priority> priorities,
        int maxAttempts,
        RetryPolicy backoff,
        Duration timeout,
        int memoryMb,
        int concurrency,
        int batchSize,
        Duration maxBatchingWindow,
        boolean fifo,
        String description,
        int parallelism,
        RateLimitSpec rateLimit,
        ScheduleSpec schedule,
        String validatorClass) {

    /** Job type names: lower case, start with a letter, at most 40 characters (queue names must fit 80). */
    public static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    /** Longest job timeout: Lambda's 15 minutes less 10 s for the runtime's start margin and SQS calls. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(15).minusSeconds(10);

    public JobDefinition {
        priorities = List.copyOf(priorities);
        description = description == null ? "" : description;
        rateLimit = rateLimit == null ? RateLimitSpec.UNLIMITED : rateLimit;
        schedule = schedule == null ? ScheduleSpec.NONE : schedule;
        validatorClass = validatorClass == null || validatorClass.isBlank() ? null : validatorClass;
    }

    /** A definition to fill in; see {@link Builder} for what is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every setting of this definition, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .type(type)
                .handlerClass(handlerClass)
                .payloadClass(payloadClass)
                .priorities(priorities)
                .maxAttempts(maxAttempts)
                .backoff(backoff)
                .timeout(timeout)
                .memoryMb(memoryMb)
                .concurrency(concurrency)
                .batchSize(batchSize)
                .maxBatchingWindow(maxBatchingWindow)
                .fifo(fifo)
                .description(description)
                .parallelism(parallelism)
                .rateLimit(rateLimit)
                .schedule(schedule)
                .validatorClass(validatorClass);
    }

    /**
     * The priority of a job that names none: {@code normal} when the type takes it (as the envelope's default
     * says), else the first one the type declares. Schedule firings and the producer client use it.
     */
    public Priority defaultPriority() {
        return priorities.contains(Priority.NORMAL) ? Priority.NORMAL : priorities.get(0);
    }

    /** The parallelism used when none is configured. */
    public static int defaultParallelism(int batchSize) {
        return Math.max(1, Math.min(batchSize, 10));
    }

    /**
     * Every way this definition breaks an AWS limit or Sluice rule, each naming the setting, the bad
     * value and the allowed range. Empty when the definition is usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (type == null || !TYPE_NAME.matcher(type).matches()) {
            problems.add("type '" + type + "' must match [a-z][a-z0-9_-]{0,39}");
        }
        if (priorities.isEmpty()) {
            problems.add("priorities must name at least one of HIGH, NORMAL, LOW");
        } else if (new HashSet<>(priorities).size() != priorities.size()) {
            problems.add("priorities must not repeat a priority, was " + priorities);
        }
        range(problems, "maxAttempts", maxAttempts, 1, 1000);
        range(problems, "memoryMb", memoryMb, 128, 10240);
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            // The function must outlast one job by the runtime's margins, or no message could ever start.
            problems.add(
                    "timeout must be between PT1S and PT14M50S (Lambda's 15 minutes less the runtime's margins), was "
                            + timeout);
        }
        int minConcurrency = 2 * Math.max(1, priorities.size());
        if (concurrency < minConcurrency || concurrency > 1000) {
            problems.add("concurrency must be between " + minConcurrency
                    + " (2 per priority: Lambda's smallest MaximumConcurrency) and 1000, was " + concurrency);
        }
        if (fifo) {
            range(problems, "batchSize", batchSize, 1, 10, " for FIFO queues");
        } else {
            range(problems, "batchSize", batchSize, 1, 10000, "");
        }
        if (maxBatchingWindow == null
                || maxBatchingWindow.isNegative()
                || maxBatchingWindow.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("maxBatchingWindow must be between PT0S and PT5M, was " + maxBatchingWindow);
        } else if (fifo && !maxBatchingWindow.isZero()) {
            problems.add(
                    "maxBatchingWindow must be PT0S for FIFO queues (Lambda does not batch FIFO sources by window), was "
                            + maxBatchingWindow);
        } else if (!fifo && batchSize > 10 && maxBatchingWindow.compareTo(Duration.ofSeconds(1)) < 0) {
            // Not for FIFO: there the window must be 0 and the batch at most 10, reported above; asking for a
            // window as well would contradict the FIFO rule.
            problems.add("maxBatchingWindow must be at least PT1S when batchSize exceeds 10 (Lambda's rule), was "
                    + maxBatchingWindow);
        }
        range(problems, "parallelism", parallelism, 1, 100);
        for (String problem : rateLimit.problems()) {
            problems.add("rateLimit." + problem);
        }
        problems.addAll(schedule.problems());
        if (handlerClass == null || handlerClass.isBlank()) {
            problems.add("handlerClass must be set");
        }
        if (payloadClass == null || payloadClass.isBlank()) {
            problems.add("payloadClass must be set");
        }
        return problems;
    }

    /** Throws if {@link #problems()} finds anything. */
    public JobDefinition validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("job type '" + type + "': " + String.join("; ", problems));
        }
        return this;
    }

    /** Whether this type accepts a priority. */
    public boolean accepts(Priority priority) {
        return priorities.contains(priority);
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        range(problems, name, value, min, max, "");
    }

    private static void range(List<String> problems, String name, int value, int min, int max, String qualifier) {
        if (value < min || value > max) {
            problems.add(name + " must be between " + min + " and " + max + qualifier + ", was " + value);
        }
    }

    /**
     * Collects a definition's settings by name. Nothing is checked until {@link JobDefinition#validated()}: the
     * processor reports every problem at once rather than the first. Left unset, {@code priorities} is empty,
     * the numbers are 0 and the durations {@code null} (all reported by {@link #problems()}); {@code parallelism}
     * is {@link #defaultParallelism(int)} of the batch size, {@code description} empty, {@code rateLimit}
     * {@link RateLimitSpec#UNLIMITED}, {@code schedule} {@link ScheduleSpec#NONE} and there is no validator.
     */
    public static final class Builder {
        private String type;
        private String handlerClass;
        private String payloadClass;
        private List<Priority> priorities = List.of();
        private int maxAttempts;
        private RetryPolicy backoff;
        private Duration timeout;
        private int memoryMb;
        private int concurrency;
        private int batchSize;
        private Duration maxBatchingWindow;
        private boolean fifo;
        private String description;
        private Integer parallelism;
        private RateLimitSpec rateLimit;
        private ScheduleSpec schedule;
        private String validatorClass;

        private Builder() {}

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder handlerClass(String handlerClass) {
            this.handlerClass = handlerClass;
            return this;
        }

        public Builder payloadClass(String payloadClass) {
            this.payloadClass = payloadClass;
            return this;
        }

        public Builder priorities(List<Priority> priorities) {
            this.priorities = priorities;
            return this;
        }

        public Builder priorities(Priority... priorities) {
            return priorities(List.of(priorities));
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(RetryPolicy backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder maxBatchingWindow(Duration maxBatchingWindow) {
            this.maxBatchingWindow = maxBatchingWindow;
            return this;
        }

        public Builder fifo(boolean fifo) {
            this.fifo = fifo;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Defaults to {@link JobDefinition#defaultParallelism(int)} of the batch size set when building. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder rateLimit(RateLimitSpec rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder schedule(ScheduleSpec schedule) {
            this.schedule = schedule;
            return this;
        }

        /** The binary name of the type's payload validator; {@code null} or blank for none. */
        public Builder validatorClass(String validatorClass) {
            this.validatorClass = validatorClass;
            return this;
        }

        public JobDefinition build() {
            return new JobDefinition(
                    type,
                    handlerClass,
                    payloadClass,
                    priorities,
                    maxAttempts,
                    backoff,
                    timeout,
                    memoryMb,
                    concurrency,
                    batchSize,
                    maxBatchingWindow,
                    fifo,
                    description,
                    parallelism != null ? parallelism : defaultParallelism(batchSize),
                    rateLimit,
                    schedule,
                    validatorClass);
        }
    }
}
