package io.sluice.local.cli;

import io.sluice.ops.DiscardResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dlq discard TYPE (--reason R | --id ID | --older-than D)}: deletes dead letters for good, recorded in history. */
@Command(
        name = "discard",
        description = "Delete chosen dead letters for good, each recorded in its job's history first (--reason, --id or"
                + " --older-than; --older-than 0s chooses all).")
public final class DlqDiscardCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "Job type.")
    String type;

    @Mixin
    DeadLetterSelection selection;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, kept in the job's history.")
    String note;

    @Mixin
    ConfirmOption confirm;

    @Mixin
    JsonOption json;

    @Mixin
    OperatorOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (selection.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "say what to discard: --reason, --id or --older-than (--older-than 0s: all)");
        }
        if (!confirm.confirmed(spec.commandLine(), "discard " + selection.describe() + " of " + type + " for good")) {
            return 1;
        }
        DiscardResult result =
                target.run(ops -> ops.discard(type, selection.priority, selection.filter(), note, selection.limit));
        PrintWriter out = spec.commandLine().getOut();
        if (json.asked()) {
            Output.json(out, result);
            return result.failed().isEmpty() ? 0 : 1;
        }
        out.println("discarded " + result.discarded().size() + " (recorded in history: "
                + result.recorded().size() + "): " + String.join(", ", result.discarded()));
        result.failed().forEach(f -> spec.commandLine().getErr().println("not discarded: " + f));
        out.flush();
        return result.failed().isEmpty() ? 0 : 1;
    }
}
