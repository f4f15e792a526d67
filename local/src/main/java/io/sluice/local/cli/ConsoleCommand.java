package io.sluice.local.cli;

import io.sluice.console.ConsoleOptions;
import io.sluice.console.ConsoleServer;
import io.sluice.local.LocalEndpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code console}: serves the web console on 127.0.0.1 until Ctrl-C, against sluice-local (found as the other
 * operator commands find it) or, with {@code --aws}/{@code --profile}, against the deployed app with the operator's
 * own credentials (so the viewer or operator IAM policy decides what works). {@code up} starts one too.
 */
@Command(
        name = "console",
        description = "Serve the web console (overview, types, jobs, dead letters, schedules) on 127.0.0.1 until"
                + " Ctrl-C; against sluice-local, or the deployed app with --aws.")
public final class ConsoleCommand implements Callable<Integer> {
    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int port = LocalEndpoints.DEFAULT_CONSOLE_PORT;

    @Option(names = "--read-only", description = "Show everything, hide and refuse every action.")
    boolean readOnly;

    @Mixin
    OperatorOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return target.run(ops -> {
            ConsoleServer console;
            try {
                console = ConsoleServer.start(
                        ops, ConsoleOptions.DEFAULT.withPort(port).withReadOnly(readOnly));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                console.close();
                                stopped.countDown();
                            },
                            "sluice-console-shutdown"));
            out.println(
                    "Sluice console for app " + ops.app() + (readOnly ? " (read-only)" : "") + ": " + console.uri());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
    }
}
