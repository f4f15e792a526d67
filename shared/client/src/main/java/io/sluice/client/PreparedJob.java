package io.sluice.client;

import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.JobEnvelope;
import io.sluice.topology.QueueSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * One job the client has checked and will send as it is: its envelope and the envelope's JSON, the queue it goes
 * to, when it may run, and whether it waits in SQS or in a one-time schedule. Nothing about it can be refused any
 * more but by AWS.
 *
 * @param bytes the body's size in UTF-8, as SQS counts it
 * @param delay how long after the enqueue the job may run; zero for now
 * @param viaSchedule whether it waits in a one-time schedule rather than in SQS
 * @param groupId the FIFO message group; {@code null} for other types
 */
record PreparedJob(
        JobDefinition definition,
        JobEnvelope envelope,
        String body,
        int bytes,
        QueueSpec queue,
        Instant runAt,
        Duration delay,
        boolean viaSchedule,
        String groupId) {
    String jobId() {
        return envelope.jobId();
    }
}
