package io.sluice.runtime;

import io.sluice.job.JobContext;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The {@link JobContext} of one attempt; {@link #timeLeft()} reads the runtime's clock. */
record RunningJob(
        String jobId,
        String type,
        Priority priority,
        int attempt,
        int maxAttempts,
        Instant deadline,
        Optional<String> source,
        JobMetrics metrics,
        Clock clock)
        implements JobContext {

    /** What the runtime keeps back from a handler's time to write the outcome and answer SQS. */
    static final Duration RECORDING_MARGIN = Duration.ofMillis(500);

    @Override
    public Duration timeLeft() {
        Duration left = Duration.between(clock.instant(), deadline).minus(RECORDING_MARGIN);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
