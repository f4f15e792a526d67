package io.sluice.runtime;

import io.sluice.job.JobContext;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import java.time.Instant;
import java.util.Optional;

/** The {@link JobContext} of one attempt. */
record RunningJob(String jobId, String type, Priority priority, int attempt, int maxAttempts, Instant deadline,
                  Optional<String> source, JobMetrics metrics) implements JobContext {
}
