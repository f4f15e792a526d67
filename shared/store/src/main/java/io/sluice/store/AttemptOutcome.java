package io.sluice.store;

import java.util.Locale;

/**
 * How an attempt in a job's {@code attempts} list ended, as the history writer records it and the claim
 * counts it. An attempt without an outcome is running, or crashed before it could record one; it counts.
 */
enum AttemptOutcome {
    SUCCEEDED,
    FAILED,
    /** The handler deferred the job ({@code JobDeferral}): recorded, never counted towards max attempts. */
    DEFERRED,
    DEAD_LETTERED;

    /** As stored in {@code attempts[i].outcome}: {@code dead-lettered}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the job's run ended with this attempt, so the next attempt (a redrive, a re-run) starts a new budget. */
    boolean endsRun() {
        return this == SUCCEEDED || this == DEAD_LETTERED;
    }

    /** Whether the attempt counts towards the run's max attempts. */
    boolean counts() {
        return this != DEFERRED;
    }

    /** The outcome stored as {@code wireName}, or {@code null} for none or one this version does not know. */
    static AttemptOutcome fromWire(String wireName) {
        for (AttemptOutcome outcome : values()) {
            if (outcome.wireName().equals(wireName)) {
                return outcome;
            }
        }
        return null;
    }
}
