package io.sluice.functions.webhook;

import io.sluice.job.JobContext;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import java.time.Instant;
import java.util.Optional;

/** A {@link JobContext} with the values a test chooses; metrics go nowhere. */
record TestJobContext(String jobId, int attempt, Instant deadline) implements JobContext {

    /** Attempt 1 of job {@code job-1}, due at {@code deadline}. */
    static TestJobContext until(Instant deadline) {
        return new TestJobContext("job-1", 1, deadline);
    }

    @Override
    public String type() {
        return "webhook";
    }

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
