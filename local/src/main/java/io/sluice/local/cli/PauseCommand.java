package io.sluice.local.cli;

import io.sluice.ops.PauseResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pause TYPE [--priority P]}: stops consumption (event source mappings disabled) and the type's schedules. */
@Command(
        name = "pause",
        description = "Stop consuming a type (or one priority): its event source mappings are disabled and recurring"
                + " schedules that fire into it paused; jobs wait in their queues.")
public final class PauseCommand implements Callable<Integer> {
    @Mixin
    ConsumptionSelection selection;

    @Mixin
    OperatorChange verb;

    @Override
    public Integer call() {
        if (!verb.confirmed("pause " + selection.describe())) {
            return 1;
        }
        print(verb, verb.run(ops -> ops.pause(selection.type, selection.priority)));
        return 0;
    }

    /** What pause and resume print: JSON, or one line of what changed. */
    static void print(OperatorVerb verb, PauseResult r) {
        if (verb.printedJson(r)) {
            return;
        }
        PrintWriter out = verb.out();
        out.println((r.paused() ? "paused " : "resumed ") + r.type()
                + (r.priority() == null ? "" : " " + r.priority().wireName()) + ": "
                + r.mappings().size()
                + " event source mapping(s)"
                + (r.schedules().isEmpty() ? "" : ", schedules " + String.join(", ", r.schedules())));
        out.flush();
    }
}
