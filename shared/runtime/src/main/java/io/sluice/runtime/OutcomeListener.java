package io.sluice.runtime;

/**
 * Told the final outcome of every message once its side effects are done (a dead-lettered message is reported only
 * after the DLQ accepted it). The seam for what happens after a job: the function's listeners are a list, in order,
 * job history ({@link JobRecorder}) first, then metrics ({@link OutcomeCounter}), then what the composition root adds
 * (sluice-local's demo tally; later batch counters, trace spans, tenant leases). A listener must be thread-safe and
 * fast; an exception it throws is logged and never changes the message's fate or stops the listeners after it.
 */
@FunctionalInterface
public interface OutcomeListener {
    void onOutcome(SettledOutcome settled);

    /**
     * Whether this listener is also told outcomes reached after the invocation answered ({@link SettledOutcome#late()}):
     * SQS's redelivery decides those messages and is told again, so only history, which must settle the claim, wants
     * them. Default no.
     */
    default boolean hearsLateOutcomes() {
        return false;
    }

    /** Listens to nothing. */
    OutcomeListener NONE = settled -> {};
}
