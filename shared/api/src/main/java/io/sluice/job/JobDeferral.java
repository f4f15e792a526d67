package io.sluice.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by a handler when the remote side is busy rather than broken and said when to come back (a
 * provider's HTTP 429 with its reset time or {@code retry_after}). The job waits until then exactly as a job
 * held by its own rate limit does: the attempt is recorded as {@code deferred}, it does not count against
 * {@code maxAttempts}, the claim is released, and the wait is not capped at SQS's 12-hour visibility limit
 * (the runtime re-sends the message with a not-before time). Use {@link RetryableJobFailure} instead when the
 * call failed and a retry should spend the budget.
 */
public class JobDeferral extends Exception {
    private final Instant until;
    private final Duration delay;

    private JobDeferral(String reason, Instant until, Duration delay) {
        super(Objects.requireNonNull(reason, "reason"));
        this.until = until;
        this.delay = delay;
    }

    /** Wait until {@code until}, as the provider named it (an epoch reset time). */
    public static JobDeferral until(String reason, Instant until) {
        return new JobDeferral(reason, Objects.requireNonNull(until, "until"), null);
    }

    /** Wait {@code delay} from now (a provider's {@code retry_after}). */
    public static JobDeferral after(String reason, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new JobDeferral(reason, null, delay);
    }

    /** The time to wait for, if given as a time. */
    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    /** The time to wait, if given as a duration. */
    public Optional<Duration> delay() {
        return Optional.ofNullable(delay);
    }

    /** When the job may run again, seen from {@code now}; never before {@code now}. */
    public Instant runAt(Instant now) {
        Instant at = until != null ? until : now.plus(delay);
        return at.isBefore(now) ? now : at;
    }
}
