package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.bench.WriteUnitBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice-local bench write-units}: DynamoDB write units per job by outcome, and the cost per million jobs. */
@Command(
        name = "write-units",
        mixinStandardHelpOptions = true,
        description =
                "Measure DynamoDB write units per job as AWS bills them, by outcome, and the cost per million jobs.")
public final class BenchWriteUnitsCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--jobs", description = "Webhook jobs to run (default: ${DEFAULT-VALUE}).")
    int jobs = 200;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 20) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 20, was " + jobs);
        }
        var out = spec.commandLine().getOut();
        new WriteUnitBenchmark(jobs)
                .run(endpoints.apply(LocalOptions.defaults()), out)
                .print(out);
        return 0;
    }
}
