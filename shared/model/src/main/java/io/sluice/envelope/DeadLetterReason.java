package io.sluice.envelope;

import java.util.Locale;

/**
 * Why a job was sent to its dead-letter queue. The wire name (for example {@code invalid-payload}) is
 * written to the dead-lettered message's {@value #ATTRIBUTE} attribute, so an operator can filter a DLQ by
 * reason and redrive only what a fix has cured.
 */
public enum DeadLetterReason {
    /** The body is not JSON. */
    MALFORMED_JSON,
    /** The body is JSON but not a valid envelope. */
    INVALID_ENVELOPE,
    /** The envelope's specVersion is not one this runtime reads. */
    UNSUPPORTED_SPEC_VERSION,
    /** The envelope names a type the catalogue does not have. */
    UNKNOWN_TYPE,
    /** The envelope names a type that is not the one this queue serves. */
    WRONG_QUEUE,
    /** The payload does not deserialise or fails the type's validation. */
    INVALID_PAYLOAD,
    /** The handler threw {@link io.sluice.job.PermanentJobFailure}. */
    PERMANENT_FAILURE,
    /** Every attempt of the job's budget failed. */
    MAX_ATTEMPTS,
    /** The idempotency key was already used by another job with a different payload. */
    IDEMPOTENCY_CONFLICT,
    /**
     * Sluice's own machinery (the job store, the rate limiter) failed on every receive the queue's redrive budget
     * allowed; the runtime dead-letters the job itself, with the last error, before SQS's redrive would take it
     * without a reason.
     */
    RUNTIME_ERROR,
    /** The handler deferred the job more often, or for longer in all, than its deferral budget allows. */
    DEFERRAL_BUDGET;

    /** The message attribute that carries the reason. */
    public static final String ATTRIBUTE = "sluice-dead-letter-reason";
    /** The message attribute that carries the human-readable detail. */
    public static final String DETAIL_ATTRIBUTE = "sluice-dead-letter-detail";
    /** The message attribute that carries the ARN of the queue the job came from. */
    public static final String SOURCE_QUEUE_ATTRIBUTE = "sluice-source-queue-arn";
    /** The message attribute that carries the attempts the job had spent. */
    public static final String ATTEMPTS_ATTRIBUTE = "sluice-attempts";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the handler ran before this reason was decided (so the dead-lettering cost an attempt). */
    public boolean afterAnAttempt() {
        return this == MAX_ATTEMPTS || this == PERMANENT_FAILURE;
    }

    public static DeadLetterReason fromWire(String value) {
        for (DeadLetterReason r : values()) {
            if (r.wireName().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown dead-letter reason '" + value + "'");
    }
}
