package io.sluice.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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
    OperatorChange verb;

    @Override
    public Integer call() {
        if (!verb.confirmed("delete schedule " + name)) {
            return 1;
        }
        verb.run(ops -> {
            ops.unschedule(name);
            return null;
        });
        if (verb.printedJson(java.util.Map.of("deleted", name))) {
            return 0;
        }
        PrintWriter out = verb.out();
        out.println("deleted schedule " + name);
        out.flush();
        return 0;
    }
}
