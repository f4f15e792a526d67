package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.bench.PriorityIsolationBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice-local bench isolation}: high-priority latency idle and behind a low-priority flood. */
@Command(
        name = "isolation",
        mixinStandardHelpOptions = true,
        description = "Measure high-priority webhook latency (send -> receiver) idle and behind a low-priority flood.")
public final class BenchIsolationCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--jobs", description = "High-priority jobs per round and condition (default: ${DEFAULT-VALUE}).")
    int jobs = 20;

    @Option(
            names = "--flood",
            description = "Low-priority jobs queued in each flooded round (default: ${DEFAULT-VALUE}).")
    int flood = 2500;

    @Option(names = "--rounds", description = "Idle-then-flooded rounds (default: ${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(
            names = "--no-job-state",
            description =
                    "Run without job history and idempotency, to tell DynamoDB's share of a delay from the rest's.")
    boolean noJobState;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 5 || flood < 100 || rounds < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--jobs must be at least 5, --flood at least 100 and --rounds at least 1, were " + jobs + ", "
                            + flood + " and " + rounds);
        }
        var out = spec.commandLine().getOut();
        new PriorityIsolationBenchmark(jobs, flood, rounds, !noJobState)
                .run(endpoints.apply(LocalOptions.defaults()), out)
                .print(out);
        return 0;
    }
}
