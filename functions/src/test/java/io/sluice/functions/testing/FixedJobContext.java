package io.sluice.functions.testing;

import io.sluice.job.JobContext;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import java.time.Instant;
import java.util.Optional;

/** A {@link JobContext} with the values a test chooses; metrics go nowhere. */
public record FixedJobContext(String jobId, String type, int attempt, Instant deadline) implements JobContext {

    @Override
    public Priority priority() {
        return Priority.NORMAL;
    }

    @Override
    public int maxAttempts() {
        return 5;
    }

    @Override
    public Optional<String> source() {
        return Optional.of("test");
    }

    @Override
    public JobMetrics metrics() {
        return JobMetrics.NONE;
    }
}
