package io.sluice.store;

import java.time.Instant;

/**
 * What an operator looks for in job history ({@link JobStore#search}); {@code null} fields match anything.
 * Results come newest first by the job's last change. A search names a type, or an idempotency key (which
 * finds the few jobs that used it, whatever their type): without either it would have to read every job,
 * which the store never does.
 *
 * @param type the job type; required unless {@code idempotencyKey} is set
 * @param state {@code null}: every state
 * @param from inclusive: last change at or after it; {@code null}: the start of retention
 * @param to exclusive; {@code null}: now
 * @param source the envelope's {@code source} (the producer's id), exact match
 * @param idempotencyKey exact; finds the job(s) that used the key
 * @param jobIdPrefix job ids starting with it
 */
public record JobSearch(
        String type,
        JobState state,
        Instant from,
        Instant to,
        String source,
        String idempotencyKey,
        String jobIdPrefix) {

    public JobSearch {
        if (isBlank(type) && isBlank(idempotencyKey)) {
            throw new IllegalArgumentException("a job search needs a type or an idempotency key; it has neither (state "
                    + state + ", source " + source + ", job id prefix " + jobIdPrefix + ")");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "a job search's window must start before it ends: from " + from + " is not before to " + to);
        }
        type = isBlank(type) ? null : type;
        idempotencyKey = isBlank(idempotencyKey) ? null : idempotencyKey;
        source = isBlank(source) ? null : source;
        jobIdPrefix = isBlank(jobIdPrefix) ? null : jobIdPrefix;
    }

    /** Jobs of {@code type}, every state, all of retention. */
    public static JobSearch ofType(String type) {
        return new JobSearch(type, null, null, null, null, null, null);
    }

    /** The job(s) that used an idempotency key. */
    public static JobSearch ofIdempotencyKey(String idempotencyKey) {
        return new JobSearch(null, null, null, null, null, idempotencyKey, null);
    }

    /** Whether a job of this type and state whose last change was at {@code changedAt} matches. */
    boolean matches(JobRecord job, Instant changedAt) {
        return (type == null || type.equals(job.type()))
                && (state == null || state == job.state())
                && (from == null || !changedAt.isBefore(from))
                && (to == null || changedAt.isBefore(to))
                && (source == null || source.equals(job.source()))
                && (idempotencyKey == null || idempotencyKey.equals(job.idempotencyKey()))
                && (jobIdPrefix == null || job.jobId().startsWith(jobIdPrefix));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
