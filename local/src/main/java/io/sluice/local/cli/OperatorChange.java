package io.sluice.local.cli;

/**
 * An operator verb that changes queues or schedules ({@code pause}, {@code dlq redrive|discard}, {@code schedules
 * delete}): everything {@link OperatorVerb} takes, plus {@code --yes} ({@link ConfirmOption}); without it the command
 * asks first, as {@link Confirmation} describes.
 */
public final class OperatorChange extends OperatorVerb {
    @picocli.CommandLine.Mixin
    ConfirmOption confirm;

    /** Whether to go ahead with {@code what}; {@code false} means the user said no and nothing was done. */
    boolean confirmed(String what) {
        return confirm.confirmed(commandLine(), what);
    }
}
