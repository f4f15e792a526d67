package io.sluice.runtime.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What a {@link RateLimiter} answers: run the job now, or not before a given instant. */
public sealed interface RateDecision permits RateDecision.Granted, RateDecision.Deferred {

    /** A run was taken from every limit: run the job now. */
    static RateDecision granted() {
        return Granted.INSTANCE;
    }

    /** Not now: at least one limit is reached until {@code until}. */
    static RateDecision deferredUntil(Instant until, String blockedBy) {
        return new Deferred(until, blockedBy);
    }

    /** Whether the job may run now. */
    boolean isGranted();

    /** A run was taken from every limit. */
    record Granted() implements RateDecision {
        private static final Granted INSTANCE = new Granted();

        @Override
        public boolean isGranted() {
            return true;
        }
    }

    /**
     * A limit is reached; nothing was taken from any limit.
     *
     * @param until the exact moment the blocking window opens: the next UTC minute, hour or day boundary for a
     *     count limit, the last run plus the interval for {@code minInterval}; the latest when several block
     * @param blockedBy the limit that opens last: {@code perMinute}, {@code perHour}, {@code perDay} or
     *     {@code minInterval}
     */
    record Deferred(Instant until, String blockedBy) implements RateDecision {
        public Deferred {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(blockedBy, "blockedBy");
        }

        @Override
        public boolean isGranted() {
            return false;
        }

        /** How long from {@code now} until the window opens, never negative. */
        public Duration delayFrom(Instant now) {
            Duration delay = Duration.between(now, until);
            return delay.isNegative() ? Duration.ZERO : delay;
        }
    }
}
