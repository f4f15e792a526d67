package io.sluice.local.cli;

import io.sluice.ops.DisplayText;
import io.sluice.ops.JobView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code jobs show ID}: one job wherever it is (history, a one-time schedule, a dead-letter queue), including jobs
 * dead-lettered before their body parsed (by SQS message id).
 */
@Command(
        name = "show",
        description =
                "Show one job and where it is now: in a queue, a one-time schedule, a dead-letter queue, or done.")
public final class JobsShowCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Job id (or the SQS message id of a dead letter that never parsed).")
    String id;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        JobView view = verb.run(ops -> ops.job(id));
        if (verb.printedJson(view)) {
            return 0;
        }
        PrintWriter out = verb.out();
        out.println("where           " + view.location());
        if (view.scheduledFor() != null) {
            out.println("scheduled for   " + Output.time(view.scheduledFor()));
        }
        if (view.discardedAt() != null) {
            out.println("discarded       " + Output.time(view.discardedAt()));
        }
        if (view.deadLetter() != null) {
            var d = view.deadLetter();
            out.println(DisplayText.escape("dead letter     " + d.type() + " "
                    + d.priority().wireName() + ", "
                    + Output.orNone(d.reason()) + ": " + Output.orNone(d.detail()) + " (message " + d.messageId() + ", "
                    + Output.age(d.age()) + " ago)"));
        }
        if (view.history() != null) {
            out.print(JobTable.details(view.history()));
        }
        out.flush();
        return 0;
    }
}
