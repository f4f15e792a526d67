package io.sluice.local.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice-local schedules}: reads the schedules of a running sluice-local's EventBridge Scheduler
 * emulator (or of any Scheduler endpoint) through the AWS SDK's {@code SchedulerClient}, as any program would.
 * Not runnable on its own: without a subcommand it is a usage error that lists them.
 */
@Command(
        name = "schedules",
        description = "Read the scheduler emulator's schedules: catalogue, recurring and one-time job schedules.",
        subcommands = {SchedulesListCommand.class})
public final class SchedulesCommand {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;
}
