package io.sluice.local.cli;

import io.sluice.local.LocalOptions;
import io.sluice.local.bench.Benchmark;
import io.sluice.local.bench.PriorityIsolationBenchmark;
import io.sluice.local.bench.WriteUnitBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-local bench}: Sluice's end-to-end throughput against raw ElasticMQ, DynamoDB write units per job by
 * outcome with the cost per million jobs, and priority isolation (high-priority latency idle and behind a
 * low-priority flood), in one run.
 */
@Command(
        name = "bench",
        subcommands = {
            BenchDynamoDbCommand.class,
            BenchChaosCommand.class,
            BenchWriteUnitsCommand.class,
            BenchIsolationCommand.class,
            BenchColdStartCommand.class,
            BenchRedriveCommand.class,
            BenchSchedulerCommand.class
        },
        description =
                "Measure end-to-end jobs/s of a no-op job against raw ElasticMQ receive/delete throughput,"
                        + " write units per job by outcome, priority isolation, redrive rates and the scheduler emulator under a burst.")
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

    @Option(
            names = "--write-unit-jobs",
            description = "Webhook jobs of the write-unit measurement (default: ${DEFAULT-VALUE}).")
    int writeUnitJobs = 200;

    @Option(
            names = "--isolation-rounds",
            description = "Idle-then-flooded rounds of the priority-isolation measurement (default: ${DEFAULT-VALUE}).")
    int isolationRounds = 3;

    @Option(
            names = "--flood",
            description = "Low-priority jobs queued in each flooded round (default: ${DEFAULT-VALUE}).")
    int flood = 2500;

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
        if (writeUnitJobs < 20 || isolationRounds < 1 || flood < 100) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--write-unit-jobs must be at least 20, --isolation-rounds at least 1 and --flood at least 100,"
                            + " were " + writeUnitJobs + ", " + isolationRounds + " and " + flood);
        }
        LocalOptions options = endpoints.apply(LocalOptions.defaults());
        Benchmark.Result throughput = new Benchmark(messages, rounds).run(options, out);
        WriteUnitBenchmark.Result units = new WriteUnitBenchmark(writeUnitJobs).run(options, out);
        PriorityIsolationBenchmark.Result isolation =
                new PriorityIsolationBenchmark(20, flood, isolationRounds, true).run(options, out);
        throughput.print(out);
        units.print(out);
        isolation.print(out);
        return 0;
    }
}
