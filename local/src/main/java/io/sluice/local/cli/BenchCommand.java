package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.bench.Benchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice-local bench}: Sluice's end-to-end throughput against raw ElasticMQ, in one run. */
@Command(
        name = "bench",
        subcommands = {BenchDynamoDbCommand.class, BenchChaosCommand.class, BenchRedriveCommand.class},
        description = "Measure end-to-end jobs/s of a no-op job against raw ElasticMQ receive/delete throughput.")
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--messages", description = "Messages per measurement (default: ${DEFAULT-VALUE}).")
    int messages = 20000;

    @Option(
            names = "--rounds",
            description =
                    "Alternating measurement rounds after the warm-up; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (messages < 100) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--messages must be at least 100, was " + messages);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (rounds < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--rounds must be at least 1, was " + rounds);
        }
        new Benchmark(messages, rounds)
                .run(endpoints.apply(LocalOptions.defaults()), out)
                .print(out);
        return 0;
    }
}
