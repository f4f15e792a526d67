package io.sluice.runtime;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.InvalidEnvelopeException;
import io.sluice.envelope.JobEnvelope;
import io.sluice.store.JobStore.JobRef;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Parses the envelope against the queue it came from; a body that is not a valid envelope is dead-lettered with the
 * parser's reason. From here on the job is known, and every log line of it (the handler's included) names it.
 */
final class ParseEnvelope<P> implements PipelineStage<P> {
    private final EnvelopeParser parser = new EnvelopeParser();

    @Override
    public Optional<MessageOutcome> apply(Delivery<P> d) {
        try {
            d.envelope = parser.parse(d.message.getBody(), MessageAttributes.queuePriority(d.message));
        } catch (InvalidEnvelopeException e) {
            DeadLetterReason reason = switch (e.kind()) {
                case MALFORMED_JSON -> DeadLetterReason.MALFORMED_JSON;
                case UNSUPPORTED_SPEC_VERSION -> DeadLetterReason.UNSUPPORTED_SPEC_VERSION;
                case INVALID_ENVELOPE -> DeadLetterReason.INVALID_ENVELOPE;
                case WRONG_QUEUE -> DeadLetterReason.WRONG_QUEUE;
            };
            return Optional.of(new MessageOutcome.DeadLetter(reason, e.getMessage(), d.received));
        }
        JobEnvelope envelope = d.envelope;
        d.job = new JobRef(
                envelope.jobId(),
                envelope.type(),
                envelope.priority(),
                envelope.idempotencyKey(),
                MessageAttributes.enqueuedAt(envelope, d.message),
                envelope.source());
        d.attempt = envelope.attempt() + d.received;
        // The batch processor clears these after the message.
        MDC.put("jobId", envelope.jobId());
        MDC.put("type", envelope.type());
        MDC.put("priority", envelope.priority().wireName());
        return Optional.empty();
    }
}
