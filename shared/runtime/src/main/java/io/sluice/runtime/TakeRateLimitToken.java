package io.sluice.runtime;

import io.sluice.catalogue.RateLimitSpec;
import io.sluice.runtime.limit.RateDecision;
import io.sluice.runtime.limit.RateLimiter;
import java.util.Optional;

/**
 * Takes one run from the type's limits, or defers the job to when they allow one. It comes before the claim, so a
 * deferral costs no history write and keeps the job's whole retry budget. A limiter that fails is the runtime's
 * problem, not the job's ({@link MachineryRetry}).
 */
final class TakeRateLimitToken<P> implements PipelineStage<P> {
    private final String type;
    private final RateLimiter limiter;
    private final RateLimitSpec limits;
    private final MachineryRetry machinery;

    TakeRateLimitToken(String type, RateLimiter limiter, RateLimitSpec limits, MachineryRetry machinery) {
        this.type = type;
        this.limiter = limiter;
        this.limits = limits;
        this.machinery = machinery;
    }

    @Override
    public Optional<MessageOutcome> apply(Delivery<P> d) {
        RateDecision decision;
        try {
            decision = limiter.acquire(type, d.budgetKey, limits, d.now);
        } catch (RuntimeException e) {
            return Optional.of(machinery.outcome(d, "rate limiter", e));
        }
        if (decision instanceof RateDecision.Deferred deferred) {
            return Optional.of(new MessageOutcome.Deferred(
                    d.job, deferred.until(), deferred.delayFrom(d.now), "rate limit " + deferred.blockedBy()));
        }
        return Optional.empty();
    }
}
