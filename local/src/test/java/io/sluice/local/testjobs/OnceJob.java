package io.sluice.local.testjobs;

import io.sluice.job.Backoff;
import io.sluice.job.Jitter;
import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;

/**
 * Takes a while and records each run, one message per invocation (batch size 1) with six concurrent
 * consumers, so duplicate deliveries of one job really race each other in separate execution environments.
 */
@Job(
        type = "once",
        batchSize = 1,
        concurrency = 6,
        timeout = "PT5S",
        backoff = @Backoff(initial = "PT1S", multiplier = 1.0, max = "PT1S", jitter = Jitter.NONE))
public final class OnceJob implements JobHandler<OnceJob.Payload> {

    public record Payload(Integer millis, String order) {}

    @Override
    public JobResult handle(Payload payload, JobContext context) throws InterruptedException {
        JobLedger.attemptStarted(context.jobId());
        Thread.sleep(payload.millis() == null ? 0 : payload.millis());
        JobLedger.finished(context.jobId());
        return JobResult.of("ran " + context.jobId());
    }
}
