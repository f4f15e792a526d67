package io.sluice.local.bench;

import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;

/**
 * A job that does nothing, so {@code sluice-local bench} measures Sluice's own overhead: envelope parsing,
 * payload reading, the batch runtime and the event-source-mapping emulation. It ships with sluice-local
 * only, never in the Lambda jar, so the CDK app never deploys it.
 */
@Job(
        type = "noop",
        maxAttempts = 3,
        timeout = "PT5S",
        concurrency = 10,
        batchSize = 10,
        description = "Does nothing; sluice-local's benchmark and smoke-test job.")
public final class NoopJob implements JobHandler<NoopJob.Payload> {

    /** Any payload with an optional note. */
    public record Payload(String note) {}

    @Override
    public JobResult handle(Payload payload, JobContext context) {
        return JobResult.ok();
    }
}
