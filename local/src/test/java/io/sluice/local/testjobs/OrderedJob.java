package io.sluice.local.testjobs;

import io.sluice.job.Backoff;
import io.sluice.job.Jitter;
import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;

/** A FIFO job that records, per stream, each attempt as "seq" or "seq!" (failed), and can fail once. */
@Job(
        type = "ordered",
        fifo = true,
        maxAttempts = 3,
        timeout = "PT5S",
        concurrency = 2,
        backoff = @Backoff(initial = "PT1S", multiplier = 1.0, max = "PT1S", jitter = Jitter.NONE))
public final class OrderedJob implements JobHandler<OrderedJob.Payload> {

    public record Payload(String stream, int seq, boolean failFirstAttempt) {}

    @Override
    public JobResult handle(Payload payload, JobContext context) {
        if (payload.failFirstAttempt() && context.attempt() == 1) {
            JobLedger.event(payload.stream(), payload.seq() + "!");
            throw new IllegalStateException("first attempt of " + payload.seq() + " fails");
        }
        JobLedger.event(payload.stream(), Integer.toString(payload.seq()));
        return JobResult.ok();
    }
}
