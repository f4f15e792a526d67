package io.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.envelope.SluiceJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * Jobs that wait in one-time EventBridge Scheduler {@code at()} schedules: those due later than SQS can delay
 * them, and delayed FIFO jobs (FIFO queues take no per-message delay). Each is a schedule named
 * {@code job-<jobId>} in the app's group, which Scheduler deletes once it fired and {@link #cancel} deletes
 * before. A retried enqueue of the same job is the same schedule, thanks to a {@code ClientToken} derived from it.
 */
final class OneTimeSchedules {
    /** Prefix of one-time schedule names; recurring schedules may not use it, so the two never collide. */
    static final String PREFIX = "job-";

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Supplier<SchedulerClient> scheduler;
    private final String group;
    private final ScheduleTargets targets;

    /** @param scheduler made on first use: a producer that only sends jobs due soon never needs one */
    OneTimeSchedules(Supplier<SchedulerClient> scheduler, String group, ScheduleTargets targets) {
        this.scheduler = scheduler;
        this.group = group;
        this.targets = targets;
    }

    /**
     * The schedule name holding job {@code jobId}, or a {@link JobRejectedException} if the id cannot name one
     * (a job id may be longer, and take {@code :}, which a schedule name cannot).
     */
    static String name(String jobId) {
        String name = PREFIX + jobId;
        if (jobId == null || !ScheduledEnvelope.NAME.matcher(name).matches()) {
            throw new JobRejectedException(
                    "jobId '" + jobId + "' cannot name a one-time schedule: for jobs due in more than "
                            + JobEnqueuer.MAX_SQS_DELAY_MINUTES
                            + " minutes (or delayed FIFO jobs) it must be at most 60 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    /**
     * Creates the schedule that sends {@code job} at its time, rounded up to the second.
     *
     * @throws JobRejectedException when the job id already waits with another time or payload
     */
    JobReceipt create(PreparedJob job) {
        String name = name(job.jobId());
        // at() has whole seconds; rounding up means the job never runs before the time it was given.
        Instant at = job.runAt().truncatedTo(ChronoUnit.SECONDS);
        if (at.isBefore(job.runAt())) {
            at = at.plusSeconds(1);
        }
        String expression = "at(" + AT.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)) + ")";
        Target target = targets.target(job.definition(), job.envelope().priority(), job.body(), job.groupId());
        try {
            scheduler
                    .get()
                    .createSchedule(r -> r.name(name)
                            .groupName(group)
                            .scheduleExpression(expression)
                            .scheduleExpressionTimezone("UTC")
                            .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                            .actionAfterCompletion(ActionAfterCompletion.DELETE)
                            .clientToken(clientToken(name, expression, job.body()))
                            .target(target)
                            .description("Sluice: job " + job.jobId() + " of type "
                                    + job.definition().type()));
        } catch (ConflictException alreadyScheduled) {
            // The same job enqueued again (a retried call) is done already; the same id with another time or payload
            // is a mistake the caller must hear about, not a receipt for a job that will not run as asked.
            GetScheduleResponse existing =
                    scheduler.get().getSchedule(r -> r.groupName(group).name(name));
            if (!expression.equals(existing.scheduleExpression())
                    || !sameJob(existing.target().input(), job.body())) {
                throw new JobRejectedException("job " + job.jobId() + " already waits in schedule " + name + " ("
                        + existing.scheduleExpression()
                        + ") with another time or payload; cancel it first or use another job id");
            }
        }
        return new JobReceipt(
                job.jobId(), job.definition().type(), job.envelope().priority(), at, null, name);
    }

    /** Deletes the schedule holding job {@code jobId}; {@code false} if there is none. */
    boolean cancel(String jobId) {
        String name = name(jobId);
        try {
            scheduler.get().deleteSchedule(r -> r.groupName(group).name(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /**
     * Scheduler's idempotency token for creating a one-time schedule: the same job at the same time gives the same
     * token (a retried call is one create), while a job id reused after its schedule fired gives another. Scheduler
     * takes 1 to 64 of {@code [a-zA-Z0-9-_]}, which a job id may not fit.
     */
    private static String clientToken(String name, String expression, String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name + "\n" + expression + "\n" + input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Whether two envelopes are the same job: equal but for {@code createdAt}, which a retried call sets anew. */
    private static boolean sameJob(String existingInput, String body) {
        try {
            JsonNode a = SluiceJson.mapper().readTree(existingInput);
            JsonNode b = SluiceJson.mapper().readTree(body);
            if (a instanceof ObjectNode oa && b instanceof ObjectNode ob) {
                oa.remove("createdAt");
                ob.remove("createdAt");
            }
            return a.equals(b);
        } catch (JsonProcessingException | RuntimeException e) {
            return false;
        }
    }
}
