package io.sluice.runtime;

import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.JobRef;
import java.time.Instant;

/**
 * What an outcome needs to be recorded in job history and metrics once its SQS side effect is done: the
 * job (known once the envelope parsed), its claim (when an attempt ran under one), and when the attempt
 * started and ended. Parts are {@code null} when the message never got that far.
 */
public record JobRun(JobRef job, Claimed claim, Instant startedAt, Instant endedAt) {

    /** A job that was refused or held before any attempt. */
    public static JobRun before(JobRef job) {
        return new JobRun(job, null, null, null);
    }
}
