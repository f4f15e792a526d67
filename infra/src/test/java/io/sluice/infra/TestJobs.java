package io.sluice.infra;

import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.job.Jitter;
import io.sluice.job.Priority;
import io.sluice.runtime.RetryPolicy;
import java.time.Duration;
import java.util.List;

/** Job definitions for infra tests, starting from the {@code @Job} defaults (like shared's test JobDefinitionBuilder). */
final class TestJobs {
    private String type;
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
    private RateLimitSpec rateLimit = RateLimitSpec.UNLIMITED;
    private ScheduleSpec schedule = ScheduleSpec.NONE;

    private TestJobs(String type) {
        this.type = type;
    }

    static TestJobs job(String type) {
        return new TestJobs(type);
    }

    TestJobs priorities(Priority... value) {
        priorities = List.of(value);
        return this;
    }

    TestJobs maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    TestJobs timeout(Duration value) {
        timeout = value;
        return this;
    }

    TestJobs memoryMb(int value) {
        memoryMb = value;
        return this;
    }

    TestJobs concurrency(int value) {
        concurrency = value;
        return this;
    }

    TestJobs batchSize(int value) {
        batchSize = value;
        return this;
    }

    TestJobs maxBatchingWindow(Duration value) {
        maxBatchingWindow = value;
        return this;
    }

    TestJobs fifo() {
        fifo = true;
        return this;
    }

    TestJobs description(String value) {
        description = value;
        return this;
    }

    TestJobs rateLimit(RateLimitSpec value) {
        rateLimit = value;
        return this;
    }

    TestJobs schedule(String expression, String timezone, String payload) {
        schedule = new ScheduleSpec(expression, timezone, payload);
        return this;
    }

    JobDefinition build() {
        return new JobDefinition(type, "io.sluice.test." + type + ".Handler", "io.sluice.test." + type + ".Payload", priorities, maxAttempts,
                backoff, timeout, memoryMb, concurrency, batchSize, maxBatchingWindow, fifo, description,
                JobDefinition.defaultParallelism(batchSize), rateLimit, schedule).validated();
    }
}
