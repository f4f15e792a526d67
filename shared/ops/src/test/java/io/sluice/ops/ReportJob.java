package io.sluice.ops;

import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.Priority;

/** A job type for the operations' tests, on two priorities. */
@Job(
        type = "report",
        priorities = {Priority.HIGH, Priority.NORMAL},
        maxAttempts = 3)
public final class ReportJob implements JobHandler<ReportJob.Payload> {

    /** The payload. */
    public record Payload(String report) {}

    @Override
    public JobResult handle(Payload payload, JobContext context) {
        return JobResult.of("printed " + payload.report());
    }
}
