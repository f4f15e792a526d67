package io.sluice.client;

import io.sluice.job.JobConfig;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;

/** A job type whose handler cannot start without a setting, which a producer never creates: it checks payloads with the validator alone. */
public final class BrokenJob implements JobHandler<ReportJob.Payload> {
    public BrokenJob(JobConfig config) {
        config.get("SLUICE_BROKEN_KEY").orElseThrow(() -> new IllegalArgumentException("SLUICE_BROKEN_KEY is not set"));
    }

    @Override
    public JobResult handle(ReportJob.Payload payload, JobContext context) {
        return JobResult.ok();
    }
}
