package io.sluice.local.cli;

import io.sluice.job.Priority;
import io.sluice.ops.PauseResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pause TYPE [--priority P]}: stops consumption (event source mappings disabled) and the type's schedules. */
@Command(
        name = "pause",
        description = "Stop consuming a type (or one priority): its event source mappings are disabled and recurring"
                + " schedules that fire into it paused; jobs wait in their queues.")
public final class PauseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "Job type.")
    String type;

    @Option(
            names = "--priority",
            paramLabel = "PRIORITY",
            converter = PriorityConverter.class,
            description = "Only this priority (default: every priority).")
    Priority priority;

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
        String what = "pause " + type + (priority == null ? "" : " " + priority.wireName());
        if (!confirm.confirmed(spec.commandLine(), what)) {
            return 1;
        }
        print(spec, json.asked(), target.run(ops -> ops.pause(type, priority)));
        return 0;
    }

    static void print(CommandSpec spec, boolean json, PauseResult r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, r);
            return;
        }
        out.println((r.paused() ? "paused " : "resumed ") + r.type()
                + (r.priority() == null ? "" : " " + r.priority().wireName()) + ": "
                + r.mappings().size()
                + " event source mapping(s)"
                + (r.schedules().isEmpty() ? "" : ", schedules " + String.join(", ", r.schedules())));
        out.flush();
    }
}
