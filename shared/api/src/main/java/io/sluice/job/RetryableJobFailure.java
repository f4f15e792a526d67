package io.sluice.job;

import java.time.Duration;
import java.util.Optional;

/**
 * Thrown by a handler for a failure that a later attempt may not meet, when the remote side said when
 * to come back (an HTTP {@code Retry-After}, a provider's reset time). The attempt counts against the
 * job's budget like any other failure; the delay replaces the backoff delay, still capped at {@code RetryPolicy.MAX_DELAY} (11 h 44 min).
 * Any other exception is retried with the job type's backoff.
 */
public class RetryableJobFailure extends Exception {
    private final Duration retryAfter;

    public RetryableJobFailure(String message) {
        this(message, null, null);
    }

    public RetryableJobFailure(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    public RetryableJobFailure(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** The delay the remote side asked for, if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
