package io.sluice.local.cli;

import io.sluice.store.JobRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice-local jobs get <jobId>}: one job's history and its attempts. */
@Command(
        name = "get",
        description = "Show one job's history: state, times, result or dead-letter reason, and every attempt.")
public final class JobsGetCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JOB_ID", description = "The job id (the envelope's jobId).")
    String jobId;

    @Mixin
    JobsCommand.TableOptions table;

    @Override
    public Integer call() {
        JobRecord job = table.read(store -> store.get(jobId))
                .orElseThrow(() -> new IllegalStateException("no job '" + jobId + "' in " + table.where()));
        PrintWriter out = table.out();
        out.print(JobTable.details(job));
        out.flush();
        return 0;
    }
}
