package io.sluice.local.testjobs;

import io.sluice.job.Job;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;

/** Fired by its catalogue schedule every minute; records each run's job id on the {@value #STREAM} stream. */
@Job(type = "tick-scheduled", schedule = "rate(1 minute)", schedulePayload = "{\"note\":\"tick\"}", timeout = "PT5S")
public final class ScheduledTickJob implements JobHandler<ScheduledTickJob.Payload> {
    /** The {@link JobLedger} stream runs are recorded on. */
    public static final String STREAM = "tick-scheduled";

    public record Payload(String note) {}

    @Override
    public JobResult handle(Payload payload, JobContext context) {
        JobLedger.event(STREAM, context.jobId() + " " + payload.note());
        return JobResult.ok();
    }
}
