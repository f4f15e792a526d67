package io.sluice.local.cli;

import io.sluice.local.bench.SchedulerBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice-local bench scheduler}: the Scheduler emulator under a burst of one-time schedules. */
@Command(
        name = "scheduler",
        mixinStandardHelpOptions = true,
        description = "Measure the EventBridge Scheduler emulator: time to create N at() schedules from 8 threads"
                + " (AWS SDK client), fire rate once they are due, lateness p50/p99, a rate(1 minute) schedule's"
                + " lateness behind the burst, and the stop time with a backlog. Takes about two minutes.")
public final class BenchSchedulerCommand implements Callable<Integer> {
    @Option(
            names = "--schedules",
            description = "One-time schedules in the burst, 100 to 100000 (default: ${DEFAULT-VALUE}).")
    int schedules = 10_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (schedules < 100 || schedules > 100_000) {
            throw new ParameterException(spec.commandLine(), "--schedules must be 100 to 100000, was " + schedules);
        }
        new SchedulerBenchmark(schedules).run().print(spec.commandLine().getOut());
        return 0;
    }
}
