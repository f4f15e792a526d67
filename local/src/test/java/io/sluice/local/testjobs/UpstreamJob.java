package io.sluice.local.testjobs;

import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.Priority;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses an order permanently until the test "fixes" it upstream ({@link #fix}): the operator's worked example of
 * a failure, a look at the dead letter, a fix, and a redrive that then succeeds.
 */
@Job(
        type = "upstream",
        priorities = {Priority.HIGH, Priority.NORMAL},
        maxAttempts = 2,
        timeout = "PT5S",
        concurrency = 4)
public final class UpstreamJob implements JobHandler<UpstreamJob.Payload> {
    private static final Set<String> FIXED = ConcurrentHashMap.newKeySet();

    public record Payload(String order) {}

    public static void fix(String order) {
        FIXED.add(order);
    }

    @Override
    public JobResult handle(Payload payload, JobContext context) throws PermanentJobFailure {
        JobLedger.attemptStarted(context.jobId());
        if (!FIXED.contains(payload.order())) {
            throw new PermanentJobFailure("order " + payload.order() + " is unknown upstream");
        }
        JobLedger.finished(context.jobId());
        return JobResult.of("synced " + payload.order());
    }
}
