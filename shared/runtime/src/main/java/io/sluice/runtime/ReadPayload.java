package io.sluice.runtime;

import io.sluice.catalogue.RateLimitSpec;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.PayloadReader;
import io.sluice.runtime.limit.InvalidRateLimitKeyException;
import io.sluice.runtime.limit.RateLimitKeys;
import java.util.Optional;

/**
 * Reads the payload into the handler's type and validates it, with the rate-limit key field the type's limits need;
 * a payload that fails is {@code invalid-payload}, never retried.
 */
final class ReadPayload<P> implements PipelineStage<P> {
    private final PayloadReader<P> payloads;
    private final RateLimitSpec limits;

    ReadPayload(PayloadReader<P> payloads, RateLimitSpec limits) {
        this.payloads = payloads;
        this.limits = limits;
    }

    @Override
    public Optional<MessageOutcome> apply(Delivery<P> d) {
        try {
            d.payload = payloads.read(d.envelope.payload());
            d.budgetKey = RateLimitKeys.of(limits, d.envelope.payload());
        } catch (PayloadReader.InvalidPayloadException | InvalidRateLimitKeyException e) {
            return Optional.of(new MessageOutcome.DeadLetter(
                    DeadLetterReason.INVALID_PAYLOAD, e.getMessage(), d.attempt, d.before()));
        }
        return Optional.empty();
    }
}
