package io.sluice.catalogue;

import io.sluice.job.Jitter;
import io.sluice.job.Priority;
import java.time.Duration;
import java.util.List;

/** Builds {@link JobDefinition}s for tests, starting from the {@code @Job} defaults. */
public final class JobDefinitionBuilder {
    private String type = "testjob";
    private String handlerClass = "io.sluice.test.TestJob";
    private String payloadClass = "io.sluice.test.TestPayload";
    private List<Priority> priorities = List.of(Priority.NORMAL);
    private int maxAttempts = 5;
    private RetryPolicy backoff = new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(15), Jitter.FULL);
    private Duration timeout = Duration.ofSeconds(30);
    private int memoryMb = 512;
    private int concurrency = 10;
    private int batchSize = 10;
    private Duration maxBatchingWindow = Duration.ZERO;
    private boolean fifo;
    private String description = "";
    private Integer parallelism;
    private RateLimitSpec rateLimit = RateLimitSpec.UNLIMITED;
    private ScheduleSpec schedule = ScheduleSpec.NONE;

    public static JobDefinitionBuilder job(String type) {
        return new JobDefinitionBuilder().type(type);
    }

    public JobDefinitionBuilder type(String value) {
        type = value;
        return this;
    }

    public JobDefinitionBuilder handlerClass(String value) {
        handlerClass = value;
        return this;
    }

    public JobDefinitionBuilder payloadClass(String value) {
        payloadClass = value;
        return this;
    }

    public JobDefinitionBuilder priorities(Priority... value) {
        priorities = List.of(value);
        return this;
    }

    public JobDefinitionBuilder priorities(List<Priority> value) {
        priorities = value;
        return this;
    }

    public JobDefinitionBuilder maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    public JobDefinitionBuilder backoff(RetryPolicy value) {
        backoff = value;
        return this;
    }

    public JobDefinitionBuilder timeout(Duration value) {
        timeout = value;
        return this;
    }

    public JobDefinitionBuilder memoryMb(int value) {
        memoryMb = value;
        return this;
    }

    public JobDefinitionBuilder concurrency(int value) {
        concurrency = value;
        return this;
    }

    public JobDefinitionBuilder batchSize(int value) {
        batchSize = value;
        return this;
    }

    public JobDefinitionBuilder maxBatchingWindow(Duration value) {
        maxBatchingWindow = value;
        return this;
    }

    public JobDefinitionBuilder fifo(boolean value) {
        fifo = value;
        return this;
    }

    public JobDefinitionBuilder description(String value) {
        description = value;
        return this;
    }

    public JobDefinitionBuilder parallelism(int value) {
        parallelism = value;
        return this;
    }

    public JobDefinitionBuilder rateLimit(RateLimitSpec value) {
        rateLimit = value;
        return this;
    }

    public JobDefinitionBuilder validator(Class<?> value) {
        validatorClass = value.getName();
        return this;
    }

    public JobDefinitionBuilder schedule(String expression, String timezone, String payload) {
        schedule = new ScheduleSpec(expression, timezone, payload);
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
                parallelism != null ? parallelism : JobDefinition.defaultParallelism(batchSize),
                rateLimit,
                schedule,
                validatorClass);
    }

    private String validatorClass;
}
