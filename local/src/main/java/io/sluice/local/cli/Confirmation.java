package io.sluice.local.cli;

import java.io.Console;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The question a destructive command asks before it acts, unless {@code --yes}: on a terminal it waits for
 * {@code y}; without one (a script, a pipe) it refuses, naming {@code --yes}, rather than act unasked.
 */
final class Confirmation {
    private Confirmation() {}

    /** Whether to go ahead; {@code false} means the user said no and nothing was done. */
    static boolean confirmed(CommandLine commandLine, boolean yes, String what) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(
                    commandLine,
                    what + ": this changes queues; pass --yes to confirm (there is no terminal to ask on)");
        }
        String answer = console.readLine("%s? [y/N] ", what);
        boolean go = answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
        if (!go) {
            commandLine.getErr().println("nothing done");
        }
        return go;
    }
}
