package io.sluice.local.cli;

import io.sluice.ops.SluiceOperations;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every operator verb ({@code status}, {@code dlq …}, {@code pause}, {@code jobs show}, {@code schedules …})
 * takes and does the same way: where it acts ({@link OperatorOptions}), {@code --json} ({@link JsonOption}), and its
 * output, written to the command's own streams so tests and scripts read it where picocli puts it.
 */
public class OperatorVerb {
    @Mixin
    JsonOption json;

    @Mixin
    OperatorOptions target;

    // The command this mixin serves, not the mixin itself: its streams and its usage for parameter errors.
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Runs {@code action} against the operations of the chosen target, as {@link OperatorOptions#run} does. */
    <T> T run(Function<SluiceOperations, T> action) {
        return target.run(action);
    }

    /** Whether {@code --json} was given. */
    boolean json() {
        return json.asked();
    }

    /**
     * Prints {@code result} as JSON when {@code --json} was given and says so; the command then prints nothing else.
     */
    boolean printedJson(Object result) {
        if (!json.asked()) {
            return false;
        }
        PrintWriter out = out();
        Output.json(out, result);
        out.flush();
        return true;
    }

    CommandLine commandLine() {
        return spec.commandLine();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
