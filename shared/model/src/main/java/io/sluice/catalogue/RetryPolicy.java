package io.sluice.catalogue;

import io.sluice.job.Jitter;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with optional full jitter. The ceiling for the retry after attempt {@code n}
 * (1-based) is {@code min(max, initial * multiplier^(n-1))}; with {@link Jitter#FULL} the delay is drawn
 * uniformly from {@code [0, ceiling]}, with {@link Jitter#NONE} it is the ceiling. Every delay is also
 * capped at {@link #MAX_DELAY}: the delay is applied with {@code ChangeMessageVisibility}, and SQS
 * refuses to make a message invisible for more than 12 hours counted from when it was received, which
 * may have been up to one Lambda invocation (15 minutes) earlier.
 */
public record RetryPolicy(Duration initial, double multiplier, Duration max, Jitter jitter) {
    /** The longest delay applied: SQS's 12-hour visibility limit less the longest invocation and a minute. */
    public static final Duration MAX_DELAY = Duration.ofHours(12).minusMinutes(16);

    public RetryPolicy {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("backoff.initial must be positive, was " + initial);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "backoff.max must be at least backoff.initial (" + initial + "), was " + max);
        }
        if (max.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "backoff.max must be at most PT11H44M (SQS's 12-hour visibility limit less one "
                            + "Lambda invocation), was " + max);
        }
        if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
            throw new IllegalArgumentException("backoff.multiplier must be between 1.0 and 100.0, was " + multiplier);
        }
        if (jitter == null) {
            throw new IllegalArgumentException("backoff.jitter must be set");
        }
    }

    /** The upper bound of the delay after {@code failedAttempt} (1-based) failed. */
    public Duration ceiling(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt is 1-based, was " + failedAttempt);
        }
        double millis = initial.toMillis() * Math.pow(multiplier, failedAttempt - 1);
        // Math.pow overflows to Infinity long before a long does; min() against max keeps us finite.
        long capped = (long) Math.min(millis, (double) max.toMillis());
        return Duration.ofMillis(capped);
    }

    /**
     * The delay after {@code failedAttempt} failed.
     *
     * @param random uniform values in {@code [0, 1)}, injected so tests are deterministic
     */
    public Duration delay(int failedAttempt, DoubleSupplier random) {
        Duration ceiling = ceiling(failedAttempt);
        return switch (jitter) {
            case NONE -> ceiling;
            case FULL -> Duration.ofMillis((long) Math.floor(random.getAsDouble() * (ceiling.toMillis() + 1)));
        };
    }

    /** A delay the remote side asked for, capped at the SQS limit and never negative. */
    public static Duration capped(Duration requested) {
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : requested;
    }
}
