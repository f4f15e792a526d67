package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.demo.DemoRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice-local demo}: the README's main job. Exit 0 only if every job is accounted for. */
@Command(
        name = "demo",
        description = "Run a mixed webhook workload through sluice-local and check that every job is accounted for.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--jobs", description = "Webhook jobs to enqueue (default: ${DEFAULT-VALUE}).")
    int jobs = 1000;

    @Option(
            names = "--stall-limit",
            converter = JobsFailuresCommand.DurationConverter.class,
            description = "Give up when no job has finished for this long: 90s, 2m, or ISO-8601 (default: 2m). The"
                    + " demo has no limit on its total time: a busy machine makes it slower, not failed.")
    Duration stallLimit = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 100) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--jobs must be at least 100, was " + jobs);
        }
        PrintWriter out = spec.commandLine().getOut();
        DemoRun.DemoReport report = new DemoRun(jobs, stallLimit)
                .run(endpoints.apply(LocalOptions.defaults()), out, System.console() != null);
        report.print(out);
        return report.balanced() ? 0 : 1;
    }
}
