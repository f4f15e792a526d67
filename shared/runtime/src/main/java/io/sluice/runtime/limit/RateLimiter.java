package io.sluice.runtime.limit;

import io.sluice.catalogue.RateLimitSpec;
import java.time.Instant;

/**
 * Takes one run from every limit of a job type's budget, all or nothing. The runtime asks before it runs a
 * job: on {@link RateDecision.Granted} it runs the job; on {@link RateDecision.Deferred} it re-sends the job
 * to run at {@link RateDecision.Deferred#until()} without counting an attempt. A deferred acquisition takes
 * nothing from any limit.
 *
 * <p>Implementations must be safe for concurrent use by many threads and many processes (Lambda execution
 * environments): the limits hold for all of them together.
 */
public interface RateLimiter {

    /**
     * Grants every acquisition and counts nothing: for job types without limits, and for runtimes without a
     * rate-limit table, where a type's limits are not enforced.
     */
    RateLimiter NONE = new RateLimiter() {
        @Override
        public RateDecision acquire(String type, String key, RateLimitSpec spec, Instant now) {
            return RateDecision.granted();
        }

        @Override
        public String toString() {
            return "RateLimiter.NONE";
        }
    };

    /**
     * Takes one run from every limit of {@code spec} for the budget {@code (type, key)}, or none if any limit
     * is reached.
     *
     * @param type the job type
     * @param key the budget within the type: the value of the spec's key field in the payload (see
     *     {@link RateLimitKeys#of}), or {@code ""} for the one budget of a type without a key
     * @param spec the type's limits; an {@linkplain RateLimitSpec#isUnlimited() unlimited} spec is always granted
     * @param now the current time, from the caller's clock; windows and deferrals are computed from it alone
     * @return granted, or deferred until the exact moment the blocking window opens (the latest of them when
     *     several limits block)
     */
    RateDecision acquire(String type, String key, RateLimitSpec spec, Instant now);
}
