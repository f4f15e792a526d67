package io.sluice.local.cli;

import io.sluice.local.bench.DynamoDbEmulatorBenchmark;
import io.sluice.moto.MotoOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice-local bench dynamodb}: the local DynamoDB's write rates on an empty and on a full table. */
@Command(
        name = "dynamodb",
        mixinStandardHelpOptions = true,
        description =
                "Measure conditional UpdateItem/s and TransactWriteItems/s of the local DynamoDB (moto) at 0 and at --items items.")
public final class BenchDynamoDbCommand implements Callable<Integer> {
    @Option(names = "--items", description = "Items in the full table (default: ${DEFAULT-VALUE}).")
    int items = 5000;

    @Option(names = "--requests", description = "Requests per figure (default: ${DEFAULT-VALUE}).")
    int requests = 300;

    @Option(
            names = "--python",
            paramLabel = "PATH",
            description =
                    "The python3 that has moto[server] 5.2.1 (default: $SLUICE_PYTHON, else ./.venv/bin/python3, else python3).")
    String python;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (items < 1 || requests < 10) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--items must be at least 1 and --requests at least 10, were " + items + " and " + requests);
        }
        MotoOptions options = MotoOptions.onPort(0);
        if (python != null) {
            options = options.withPython(python);
        }
        new DynamoDbEmulatorBenchmark(items, requests)
                .run(options)
                .print(spec.commandLine().getOut());
        return 0;
    }
}
