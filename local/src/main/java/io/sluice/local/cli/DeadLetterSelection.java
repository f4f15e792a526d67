package io.sluice.local.cli;

import io.sluice.job.Priority;
import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.DurationText;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** Which dead letters a {@code dlq} command applies to; every given criterion must hold. */
public final class DeadLetterSelection {
    @Option(
            names = "--reason",
            paramLabel = "REASON",
            description = "Only this dead-letter reason (repeatable): max-attempts, permanent-failure, invalid-payload,"
                    + " malformed-json, ..., or none for messages SQS's own redrive moved.")
    List<String> reasons = List.of();

    @Option(names = "--id", paramLabel = "ID", description = "Only this job id or SQS message id (repeatable).")
    List<String> ids = List.of();

    @Option(
            names = "--older-than",
            paramLabel = "DURATION",
            description = "Only dead letters older than this: 30s, 5m, 1h, 2d or ISO-8601 (PT1H).")
    String olderThan;

    @Option(
            names = "--priority",
            paramLabel = "PRIORITY",
            converter = PriorityConverter.class,
            description = "Only this priority's dead-letter queue (default: every priority).")
    Priority priority;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "The most messages read per dead-letter queue, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int limit = 100;

    DeadLetterFilter filter() {
        return new DeadLetterFilter(
                new LinkedHashSet<>(reasons),
                new LinkedHashSet<>(ids),
                olderThan == null ? null : DurationText.parse("--older-than", olderThan));
    }

    /** "reason max-attempts, older than 1h", for the confirmation question. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (!reasons.isEmpty()) {
            s.append("reason ").append(String.join(" or ", reasons));
        }
        if (!ids.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append("id ").append(String.join(" or ", ids));
        }
        if (olderThan != null) {
            s.append(s.isEmpty() ? "" : ", ").append("older than ").append(olderThan);
        }
        return s.isEmpty() ? "every dead letter" : s.toString();
    }

    boolean isEmpty() {
        return reasons.isEmpty() && ids.isEmpty() && olderThan == null;
    }
}
