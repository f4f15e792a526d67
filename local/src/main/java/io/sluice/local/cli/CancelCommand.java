package io.sluice.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice-local cancel JOB_ID}: cancels a job that has not started, wherever it waits, through the producer
 * client: its one-time schedule is deleted if it waits in one, and a cancellation record is written that the
 * function's claim refuses, so a job waiting in its queue (or between retries) ends {@code cancelled} when its message
 * is delivered.
 */
@Command(
        name = "cancel",
        description = "Cancel a job that has not started yet, wherever it waits: in its queue, between retries, or in a"
                + " one-time schedule (deleted). It ends `cancelled` when its message arrives; a job already running"
                + " or ended is left as it is (exit code 1).")
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
