package io.sluice.client;

import io.sluice.job.Priority;
import java.time.Duration;
import java.time.Instant;

/**
 * How one job (or every job of a bulk enqueue) is sent. Every field is optional: {@link #DEFAULTS} sends at
 * once, with the type's default priority ({@code normal} if it takes it), a random job id, the job id as idempotency key, and no source.
 * Give either a {@code delay} or a {@code runAt}, not both: up to 15 minutes ahead the job waits in SQS
 * ({@code DelaySeconds}); later it waits in a one-time EventBridge Scheduler schedule that {@link
 * SluiceClient#cancel} can delete.
 *
 * @param priority the queue to use, one the type declares; {@code null} for its default (see {@link io.sluice.catalogue.JobDefinition#defaultPriority()})
 * @param delay how long to wait before the job may run, from now; {@code null} for none
 * @param runAt when the job may run, never in the past; {@code null} for now
 * @param jobId the job id ({@code [A-Za-z0-9][A-Za-z0-9_.:-]{0,127}}); {@code null} for a random UUID
 * @param idempotencyKey jobs sharing a key succeed at most once within the idempotency window; {@code null} for the job id
 * @param groupId the FIFO message group, required for FIFO types and refused for others
 * @param source who enqueued the job, for history and logs, such as {@code billing-service}
 */
public record EnqueueOptions(
        Priority priority,
        Duration delay,
        Instant runAt,
        String jobId,
        String idempotencyKey,
        String groupId,
        String source) {
    /** Send now, with the type's default priority and a random id. */
    public static final EnqueueOptions DEFAULTS = new EnqueueOptions(null, null, null, null, null, null, null);

    public static EnqueueOptions defaults() {
        return DEFAULTS;
    }

    public EnqueueOptions priority(Priority value) {
        return new EnqueueOptions(value, delay, runAt, jobId, idempotencyKey, groupId, source);
    }

    public EnqueueOptions delay(Duration value) {
        return new EnqueueOptions(priority, value, runAt, jobId, idempotencyKey, groupId, source);
    }

    public EnqueueOptions runAt(Instant value) {
        return new EnqueueOptions(priority, delay, value, jobId, idempotencyKey, groupId, source);
    }

    public EnqueueOptions jobId(String value) {
        return new EnqueueOptions(priority, delay, runAt, value, idempotencyKey, groupId, source);
    }

    public EnqueueOptions idempotencyKey(String value) {
        return new EnqueueOptions(priority, delay, runAt, jobId, value, groupId, source);
    }

    public EnqueueOptions groupId(String value) {
        return new EnqueueOptions(priority, delay, runAt, jobId, idempotencyKey, value, source);
    }

    public EnqueueOptions source(String value) {
        return new EnqueueOptions(priority, delay, runAt, jobId, idempotencyKey, groupId, value);
    }
}
