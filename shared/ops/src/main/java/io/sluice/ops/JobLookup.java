package io.sluice.ops;

import io.sluice.catalogue.Catalogue;
import io.sluice.client.SluiceClient;
import io.sluice.store.DiscardRecords;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * Finds a job wherever it is for {@link SluiceOperations#job(String)}: its history (and a discard record, or its
 * dead letter, when it was dead-lettered), else a one-time schedule that will send it, else a dead-letter queue that
 * holds it by job or message id. Jobs waiting in a source queue without history cannot be read without receiving
 * them, which would count against their redrive budget, so they are not looked for there.
 */
final class JobLookup {
    private final String app;
    private final Catalogue catalogue;
    private final SchedulerClient scheduler;
    private final String scheduleGroup;
    private final JobHistory history;
    private final DiscardRecords discards;
    private final DeadLetterQueues deadLetters;

    JobLookup(
            String app,
            Catalogue catalogue,
            SchedulerClient scheduler,
            String scheduleGroup,
            JobHistory history,
            DiscardRecords discards,
            DeadLetterQueues deadLetters) {
        this.app = app;
        this.catalogue = catalogue;
        this.scheduler = scheduler;
        this.scheduleGroup = scheduleGroup;
        this.history = history;
        this.discards = discards;
        this.deadLetters = deadLetters;
    }

    JobView job(String jobId, List<String> types) {
        if (jobId == null || jobId.isBlank()) {
            throw OperationException.invalid("job id is empty; give the id enqueue printed");
        }
        Optional<JobRecord> record = history.store().get(jobId);
        if (record.isPresent()) {
            JobRecord job = record.get();
            if (job.state() == JobState.DEAD_LETTERED) {
                // Only a dead-lettered job can have been discarded: no second read for any other.
                Instant discardedAt = discards.discardedAt(jobId).orElse(null);
                if (discardedAt != null) {
                    return new JobView(jobId, "discarded", job, null, null, discardedAt);
                }
                DeadLetter d = job.type() == null || catalogue.find(job.type()).isEmpty()
                        ? null
                        : deadLetters.show(job.type(), jobId, false).orElse(null);
                return new JobView(jobId, d != null ? "dead-letter-queue" : "dead-lettered", job, d, null, null);
            }
            return new JobView(jobId, location(job.state()), job, null, null, null);
        }
        Instant at = oneTimeSchedule(jobId);
        if (at != null) {
            return new JobView(jobId, "schedule", null, null, at, null);
        }
        for (String type : types) {
            Optional<DeadLetter> d = deadLetters.show(type, jobId, false);
            if (d.isPresent()) {
                return new JobView(
                        d.get().jobId() != null ? d.get().jobId() : jobId,
                        "dead-letter-queue",
                        null,
                        d.get(),
                        null,
                        null);
            }
        }
        throw OperationException.notFound("no job '" + jobId + "' in history, in a one-time schedule or in a"
                + " dead-letter queue of app '" + app + "'; check the id and --app (history is kept "
                + JobStore.Retention.DEFAULT.history().toDays() + " days)");
    }

    private static String location(JobState state) {
        return switch (state) {
            case RECEIVED, RUNNING, RETRYING, DEFERRED -> "queue";
            case DEAD_LETTERED -> "dead-letter-queue";
            case SUCCEEDED, DUPLICATE_SKIPPED, CANCELLED -> "done";
        };
    }

    private Instant oneTimeSchedule(String jobId) {
        try {
            var s = scheduler.getSchedule(r -> r.groupName(scheduleGroup).name(SluiceClient.ONE_TIME_PREFIX + jobId));
            String expression = s.scheduleExpression();
            if (expression != null && expression.startsWith("at(") && expression.endsWith(")")) {
                return java.time.LocalDateTime.parse(expression.substring(3, expression.length() - 1))
                        .toInstant(java.time.ZoneOffset.UTC);
            }
            return null;
        } catch (ResourceNotFoundException e) {
            return null;
        } catch (software.amazon.awssdk.services.scheduler.model.ValidationException e) {
            return null; // an id that cannot be a schedule name cannot have one
        }
    }
}
