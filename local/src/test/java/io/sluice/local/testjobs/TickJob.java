package io.sluice.local.testjobs;

import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.Priority;

/** Takes a few milliseconds and records when it finished; has a high and a low queue. */
@Job(
        type = "tick",
        priorities = {Priority.HIGH, Priority.LOW},
        timeout = "PT5S",
        concurrency = 4)
public final class TickJob implements JobHandler<TickJob.Payload> {

    public record Payload(int millis) {}

    @Override
    public JobResult handle(Payload payload, JobContext context) throws InterruptedException {
        Thread.sleep(payload.millis());
        JobLedger.finished(context.jobId());
        return JobResult.ok();
    }
}
