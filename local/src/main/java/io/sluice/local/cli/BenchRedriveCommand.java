package io.sluice.local.cli;

import io.sluice.local.bench.RedriveBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice-local bench redrive}: selective redrive against SQS's move task, alternating, on ElasticMQ. */
@Command(
        name = "redrive",
        mixinStandardHelpOptions = true,
        description = "Measure dead letters redriven per second: the selective redrive (send, then delete) against"
                + " StartMessageMoveTask, alternating rounds on the same machine's ElasticMQ.")
public final class BenchRedriveCommand implements Callable<Integer> {
    @Option(names = "--messages", description = "Dead letters per round, 10 to 1000 (default: ${DEFAULT-VALUE}).")
    int messages = 1000;

    @Option(names = "--rounds", description = "Measured rounds of each (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (messages < 10 || messages > 1000 || rounds < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--messages must be 10 to 1000 and --rounds at least 1, were " + messages + " and " + rounds);
        }
        new RedriveBenchmark(messages, rounds).run().print(spec.commandLine().getOut());
        return 0;
    }
}
