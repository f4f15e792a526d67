package io.sluice.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice-local cancel JOB_ID}: withdraws a job that waits in a one-time schedule, through the producer client. */
@Command(
        name = "cancel",
        description = "Cancel a job that waits in a one-time schedule (one enqueued more than 15 minutes ahead).")
public final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JOB_ID", description = "The job id enqueue printed.")
    String jobId;

    @Mixin
    ProducerOptions producer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean cancelled = producer.call(client -> client.cancel(jobId));
        PrintWriter out = spec.commandLine().getOut();
        if (!cancelled) {
            spec.commandLine()
                    .getErr()
                    .println("job " + jobId + " is running or has already ended (or was cancelled before); nothing"
                            + " changed: see `sluice-local jobs get " + jobId + "`");
            return 1;
        }
        out.println("cancelled job " + jobId);
        out.flush();
        return 0;
    }
}
