package io.sluice.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-local schedules delete NAME}: deletes a run-time recurring schedule through the operations library.
 * A schedule a job type declares ({@code @Job(schedule = ...)}) belongs to the deployment and is refused.
 */
@Command(
        name = "delete",
        description = "Delete a recurring schedule made at run time (catalogue schedules are refused: pause the type).")
public final class SchedulesDeleteCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The schedule's name, as `schedules list` shows it.")
    String name;

    @Mixin
    ConfirmOption confirm;

    @Mixin
    OperatorOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!confirm.confirmed(spec.commandLine(), "delete schedule " + name)) {
            return 1;
        }
        target.run(ops -> {
            ops.unschedule(name);
            return null;
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("deleted schedule " + name);
        out.flush();
        return 0;
    }
}
