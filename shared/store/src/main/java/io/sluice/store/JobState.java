package io.sluice.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a job stands in its history. {@link #SUCCEEDED}, {@link #DEAD_LETTERED} and
 * {@link #DUPLICATE_SKIPPED} are terminal: every job ends in exactly one of them, and the queues agree
 * (acknowledged, or in the DLQ). {@link JobStateTransitions} lists every legal move.
 */
public enum JobState {
    /** Known, not yet started (reserved for producers that record enqueues). */
    RECEIVED,
    /** An attempt holds the job's claim. */
    RUNNING,
    /** An attempt failed; the job waits for its backoff. */
    RETRYING,
    /** Held back by a rate limit or a not-before time, without spending an attempt. */
    DEFERRED,
    /** An attempt succeeded. Terminal. */
    SUCCEEDED,
    /** Sent to the dead-letter queue with a reason. Terminal (until an operator redrives it). */
    DEAD_LETTERED,
    /** Another job with the same idempotency key already succeeded. Terminal. */
    DUPLICATE_SKIPPED,
    /**
     * Cancelled before it started (by the producer client or an operator): its message is acknowledged unrun
     * when it arrives. Terminal.
     */
    CANCELLED;

    /** Lower-case, dash-separated name used in DynamoDB and on the command line: {@code dead-lettered}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == DEAD_LETTERED || this == DUPLICATE_SKIPPED || this == CANCELLED;
    }

    /** Parses a wire name, naming the allowed ones when it is not one. */
    @JsonCreator
    public static JobState fromWire(String value) {
        for (JobState s : values()) {
            if (s.wireName().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown job state '" + value
                        + "'; states are received, running, retrying, deferred, succeeded, dead-lettered, duplicate-skipped, cancelled");
    }
}
