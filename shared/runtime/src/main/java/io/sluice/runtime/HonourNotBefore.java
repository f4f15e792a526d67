package io.sluice.runtime;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.DeferralAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Defers again a copy that came back before the {@value DeferralAttributes#NOT_BEFORE} time an earlier deferral set
 * (SQS delays at most 15 minutes, so a longer wait is a chain of copies), without touching any table. A not-before
 * time further ahead than {@link #MAX_AHEAD} was not set by the runtime and is refused.
 */
final class HonourNotBefore<P> implements PipelineStage<P> {
    /**
     * The furthest ahead a not-before time may lie: the DLQs' retention. The runtime's own deferrals (rate-limit
     * windows, a provider's reset) stay far inside it; anything beyond was set by someone else.
     */
    static final Duration MAX_AHEAD = Duration.ofDays(14);

    private final Clock clock;

    HonourNotBefore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<MessageOutcome> apply(Delivery<P> d) {
        d.now = clock.instant();
        Instant notBefore = MessageAttributes.notBefore(d.message);
        if (notBefore == null) {
            return Optional.empty();
        }
        if (notBefore.isAfter(d.now.plus(MAX_AHEAD))) {
            // Waiting would re-send the message every 15 minutes for ever without a terminal state, so refuse it
            // where an operator sees it.
            return Optional.of(new MessageOutcome.DeadLetter(
                    DeadLetterReason.INVALID_ENVELOPE,
                    DeferralAttributes.NOT_BEFORE + " " + notBefore + " is more than " + MAX_AHEAD.toDays()
                            + " days ahead; send a job due later through a schedule (SluiceClient runAt)",
                    d.attempt,
                    d.before()));
        }
        if (d.now.isBefore(notBefore)) {
            return Optional.of(new MessageOutcome.Deferred(
                    d.job, notBefore, Duration.between(d.now, notBefore), "not before " + notBefore, false));
        }
        return Optional.empty();
    }
}
