package io.sluice.local.testjobs;

import io.sluice.job.Backoff;
import io.sluice.job.Jitter;
import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PayloadValidator;
import io.sluice.job.PermanentJobFailure;
import java.util.ArrayList;
import java.util.List;

/** Fails its first {@code failures} attempts, then succeeds; or fails permanently when asked to. */
@Job(
        type = "flaky",
        maxAttempts = 3,
        timeout = "PT5S",
        concurrency = 4,
        validator = FlakyJob.Validator.class,
        backoff = @Backoff(initial = "PT1S", multiplier = 3.0, max = "PT10S", jitter = Jitter.NONE))
public final class FlakyJob implements JobHandler<FlakyJob.Payload> {

    public record Payload(int failures, boolean permanent) {}

    /** The payload's checks: no negative failure count. */
    public static final class Validator implements PayloadValidator<Payload> {
        @Override
        public List<String> problems(Payload payload) {
            List<String> problems = new ArrayList<>();
            if (payload.failures() < 0) {
                problems.add("failures: must be 0 or more, was " + payload.failures());
            }
            return problems;
        }
    }

    @Override
    public JobResult handle(Payload payload, JobContext context) throws Exception {
        JobLedger.attemptStarted(context.jobId());
        if (payload.permanent()) {
            throw new PermanentJobFailure("the order no longer exists");
        }
        if (context.attempt() <= payload.failures()) {
            throw new IllegalStateException("simulated failure on attempt " + context.attempt());
        }
        JobLedger.finished(context.jobId());
        return JobResult.of("succeeded on attempt " + context.attempt());
    }
}
