package io.sluice.local.cli;

import io.sluice.job.Priority;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code TYPE [--priority P]} of {@code pause} and {@code resume}: a whole type's consumption, or one priority's. */
public final class ConsumptionSelection {
    @Parameters(paramLabel = "TYPE", description = "Job type.")
    String type;

    @Option(
            names = "--priority",
            paramLabel = "PRIORITY",
            converter = PriorityConverter.class,
            description = "Only this priority (default: every priority).")
    Priority priority;

    /** {@code "webhook"} or {@code "webhook high"}, for the confirmation question. */
    String describe() {
        return type + (priority == null ? "" : " " + priority.wireName());
    }
}
