package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;

/**
 * Told the final outcome of every message once its side effects are done (a dead-lettered message is
 * reported only after the DLQ accepted it). Job history, metrics and sluice-local's demo tally listen
 * here. A listener must be thread-safe and fast; an exception it throws is logged and never changes the
 * message's fate.
 */
@FunctionalInterface
public interface OutcomeListener {
    void onOutcome(SQSMessage message, MessageOutcome outcome);

    /** Listens to nothing. */
    OutcomeListener NONE = (message, outcome) -> {};
}
