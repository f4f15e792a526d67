package io.sluice.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code resume TYPE [--priority P]}: restarts what {@code pause} stopped. */
@Command(name = "resume", description = "Restart consuming a type (or one priority) and its paused schedules.")
public final class ResumeCommand implements Callable<Integer> {
    @Mixin
    ConsumptionSelection selection;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        PauseCommand.print(verb, verb.run(ops -> ops.resume(selection.type, selection.priority)));
        return 0;
    }
}
