package io.sluice.local.cli;

import picocli.CommandLine.Command;

/**
 * {@code sluice-local schedules}: lists (and with {@code create} / {@code delete}, changes) the schedules of a running sluice-local's EventBridge Scheduler
 * emulator (or of any Scheduler endpoint) through the AWS SDK's {@code SchedulerClient}, as any program would.
 * Not runnable on its own: without a subcommand it is a usage error that lists them.
 */
@Command(
        name = "schedules",
        description = "List the scheduler's schedules (catalogue, recurring, one-time job schedules); create and delete"
                + " run-time recurring ones.",
        subcommands = {SchedulesListCommand.class, SchedulesCreateCommand.class, SchedulesDeleteCommand.class})
public final class SchedulesCommand {}
