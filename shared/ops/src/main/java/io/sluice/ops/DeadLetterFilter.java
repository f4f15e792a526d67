package io.sluice.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which dead letters an operation applies to. Every given criterion must hold; empty sets and a {@code null} age
 * match anything, so {@link #ALL} selects every message. {@code reasons} are the runtime's wire names
 * ({@code max-attempts}, {@code invalid-payload}, ...), plus {@code none} for messages without one (moved by SQS's
 * own redrive). {@code ids} match a job id or an SQS message id, so a dead letter whose body never parsed can be
 * chosen too.
 */
public record DeadLetterFilter(Set<String> reasons, Set<String> ids, Duration olderThan) {
    /** Every message. */
    public static final DeadLetterFilter ALL = new DeadLetterFilter(Set.of(), Set.of(), null);

    /** The reason given for a dead letter that carries none. */
    public static final String NO_REASON = "none";

    public DeadLetterFilter {
        reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
        ids = ids == null ? Set.of() : Set.copyOf(ids);
    }

    public static DeadLetterFilter byReason(String reason) {
        return new DeadLetterFilter(Set.of(reason), Set.of(), null);
    }

    public static DeadLetterFilter byIds(Set<String> ids) {
        return new DeadLetterFilter(Set.of(), ids, null);
    }

    /** Whether this selects every message, so a whole-queue move can do the work. */
    public boolean isEverything() {
        return reasons.isEmpty() && ids.isEmpty() && olderThan == null;
    }

    boolean matches(DeadLetter d, Instant now) {
        if (!reasons.isEmpty() && !reasons.contains(d.reason() == null ? NO_REASON : d.reason())) {
            return false;
        }
        if (!ids.isEmpty() && !ids.contains(d.messageId()) && (d.jobId() == null || !ids.contains(d.jobId()))) {
            return false;
        }
        return olderThan == null
                || d.deadLetteredAt() == null
                || !d.deadLetteredAt().plus(olderThan).isAfter(now);
    }
}
