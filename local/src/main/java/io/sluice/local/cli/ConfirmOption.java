package io.sluice.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --yes}, shared by every command that changes queues or schedules: without it the command asks first, as
 * {@link Confirmation} describes.
 */
public final class ConfirmOption {
    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    /** Whether to go ahead with {@code what}; {@code false} means the user said no and nothing was done. */
    boolean confirmed(CommandLine commandLine, String what) {
        return Confirmation.confirmed(commandLine, yes, what);
    }
}
