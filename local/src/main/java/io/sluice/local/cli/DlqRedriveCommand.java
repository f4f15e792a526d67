package io.sluice.local.cli;

import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.RedriveResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dlq redrive TYPE (--all | --reason R | --id ID | --older-than D)}: sends dead letters back to their queue with a
 * fresh attempt budget; asks first unless {@code --yes}.
 */
@Command(
        name = "redrive",
        description = "Send dead letters back to their queue with a fresh attempt budget: --all (SQS's move task), or"
                + " the ones chosen by --reason, --id or --older-than (each sent, then deleted; none lost).")
public final class DlqRedriveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "Job type.")
    String type;

    @Option(names = "--all", description = "Every dead letter of the type (or of --priority).")
    boolean all;

    @Mixin
    DeadLetterSelection selection;

    @Mixin
    OperatorChange verb;

    @Override
    public Integer call() {
        if (all == !selection.isEmpty()) {
            throw new ParameterException(
                    verb.commandLine(),
                    all
                            ? "--all redrives everything; leave out --reason, --id and --older-than, or drop --all"
                            : "say what to redrive: --all, or --reason, --id or --older-than");
        }
        DeadLetterFilter filter = all ? DeadLetterFilter.ALL : selection.filter();
        String what = "redrive " + selection.describe() + " of " + type
                + (selection.priority == null ? "" : " " + selection.priority.wireName());
        if (!verb.confirmed(what)) {
            return 1;
        }
        RedriveResult result = verb.run(ops -> ops.redrive(type, selection.priority, filter, selection.limit));
        if (verb.printedJson(result)) {
            return result.failed().isEmpty() ? 0 : 1;
        }
        PrintWriter out = verb.out();
        if (!result.moveTasks().isEmpty()) {
            out.println("moving about " + result.approximateMessages() + " dead letters of " + type
                    + " back with SQS move tasks " + result.moveTasks() + "; `sluice-local status " + type
                    + "` shows the queues fill");
        } else {
            out.println("redriven " + result.moved().size() + ": " + String.join(", ", result.moved()));
        }
        result.failed().forEach(f -> verb.err().println("not redriven: " + f));
        out.flush();
        return result.failed().isEmpty() ? 0 : 1;
    }
}
