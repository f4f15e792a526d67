package io.sluice.local.cli;

import io.sluice.ops.DiscardResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

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
    OperatorChange verb;

    @Override
    public Integer call() {
        if (selection.isEmpty()) {
            throw new ParameterException(
                    verb.commandLine(), "say what to discard: --reason, --id or --older-than (--older-than 0s: all)");
        }
        if (!verb.confirmed("discard " + selection.describe() + " of " + type + " for good")) {
            return 1;
        }
        DiscardResult result =
                verb.run(ops -> ops.discard(type, selection.priority, selection.filter(), note, selection.limit));
        if (verb.printedJson(result)) {
            return result.failed().isEmpty() ? 0 : 1;
        }
        PrintWriter out = verb.out();
        out.println("discarded " + result.discarded().size() + " (recorded in history: "
                + result.recorded().size() + "): " + String.join(", ", result.discarded()));
        result.failed().forEach(f -> verb.err().println("not discarded: " + f));
        out.flush();
        return result.failed().isEmpty() ? 0 : 1;
    }
}
