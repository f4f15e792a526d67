package io.sluice.local.cli;

import io.sluice.job.Priority;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code resume TYPE [--priority P]}: restarts what {@code pause} stopped. */
@Command(name = "resume", description = "Restart consuming a type (or one priority) and its paused schedules.")
public final class ResumeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TYPE", description = "Job type.")
    String type;

    @Option(
            names = "--priority",
            paramLabel = "PRIORITY",
            converter = PriorityConverter.class,
            description = "Only this priority (default: every priority).")
    Priority priority;

    @Mixin
    JsonOption json;

    @Mixin
    OperatorOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PauseCommand.print(spec, json.asked(), target.run(ops -> ops.resume(type, priority)));
        return 0;
    }
}
