package io.sluice.envelope;

/**
 * The SQS message attributes the runtime writes on the delayed copy of a deferred job, beside the envelope: how often
 * the job was deferred and since when (the runtime's deferral budget reads them back), and the time before which it
 * must not run. Part of the wire contract, so the operator side (a redrive strips the tally) names them without
 * depending on the runtime.
 */
public final class DeferralAttributes {
    /** How many times the handler deferred the job (a number). */
    public static final String COUNT = "sluice-deferrals";
    /** When the handler first deferred the job (epoch milliseconds). */
    public static final String FIRST_DEFERRED_AT = "sluice-first-deferred-at";
    /** Epoch milliseconds before which the copy must not run (deferrals beyond SQS's 15-minute delay). */
    public static final String NOT_BEFORE = "sluice-not-before";

    private DeferralAttributes() {}
}
