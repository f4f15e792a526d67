package io.sluice.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running job knows about itself. {@link #attempt()} is 1 on the first real attempt and counts
 * attempts spent by earlier deliveries; {@link #deadline()} is when Sluice stops waiting for this attempt
 * (its start plus the type's timeout), so a handler should bound its own I/O by it.
 */
public interface JobContext {
    /** The envelope's job id. */
    String jobId();

    /** The job type. */
    String type();

    /** The priority of the queue the job came from. */
    Priority priority();

    /** This attempt, 1-based. */
    int attempt();

    /** The type's attempt budget. */
    int maxAttempts();

    /** When this attempt times out. */
    Instant deadline();

    /**
     * How long this attempt may still take, by the runtime's clock: the time to {@link #deadline()} less what the
     * runtime keeps back to record the outcome, never negative. Bound every call's timeout by it.
     */
    Duration timeLeft();

    /** The envelope's source, if the producer named one. */
    Optional<String> source();

    /** Custom metrics, published under the job type. */
    JobMetrics metrics();
}
