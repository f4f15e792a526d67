package io.sluice.functions.testing;

import io.sluice.job.JobContext;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A {@link JobContext} with the values a test chooses; {@link #timeLeft()} reads the test's clock; metrics go nowhere. */
public record FixedJobContext(String jobId, String type, int attempt, Instant deadline, Clock clock)
        implements JobContext {

    /** Time left measured by the system clock: for tests whose deadline is {@code Instant.now()} plus something. */
    public FixedJobContext(String jobId, String type, int attempt, Instant deadline) {
        this(jobId, type, attempt, deadline, Clock.systemUTC());
    }

    @Override
    public Duration timeLeft() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
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
