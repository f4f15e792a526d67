package io.sluice.job;

import java.util.Locale;

/**
 * The priority of a job, which selects the SQS queue it travels on. Each priority a job type accepts
 * gets its own queue and event source mapping with reserved concurrency, so a flood of {@link #LOW}
 * jobs never delays {@link #HIGH} ones. On the wire (envelope, queue names) priorities are lower case.
 */
public enum Priority {
    HIGH,
    NORMAL,
    LOW;

    /** The lower-case name used in envelopes and queue names, for example {@code high}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static Priority fromWire(String value) {
        for (Priority p : values()) {
            if (p.wireName().equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown priority '" + value + "'; allowed: high, normal, low");
    }

    /** The relative share of a job type's concurrency that this priority's queue may use. */
    public int weight() {
        return switch (this) {
            case HIGH -> 3;
            case NORMAL -> 2;
            case LOW -> 1;
        };
    }
}
