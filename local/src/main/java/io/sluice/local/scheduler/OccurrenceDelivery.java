package io.sluice.local.scheduler;

import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.runtime.QueueArn;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Delivers one schedule's due occurrence for the {@link ScheduleDispatcher}: substitutes Scheduler's context
 * attributes in the target input as {@link ScheduledEnvelope#substitute} does, sends it, records the progress in the
 * registry (and completes the schedule after its last occurrence), and on failure keeps a pending retry with the same
 * execution id and a growing attempt number until the target's retry policy runs out, then dead-letters the message
 * with AWS's dead-letter attributes, or drops it. Callers make sure one schedule is never delivered by two at once.
 */
final class OccurrenceDelivery {
    // Under the dispatcher's name, as before the split: readers of the log know these lines as the dispatcher's.
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleDispatcher.class);
    /** The body sent when a target has no input; AWS documents a "default notification" without its content. */
    static final String DEFAULT_INPUT = "{}";

    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);

    private final ScheduleRegistry registry;
    private final TargetSender sender;
    private final Map<String, PendingRetry> retries = new ConcurrentHashMap<>();

    /** A delivery that failed and waits for its next attempt. */
    private record PendingRetry(
            Instant lastModificationDate,
            Instant scheduledTime,
            String executionId,
            int attempt,
            Instant retryAt,
            String errorCode,
            String errorMessage) {}

    OccurrenceDelivery(ScheduleRegistry registry, TargetSender sender) {
        this.registry = registry;
        this.sender = sender;
    }

    /** When {@code schedule} next needs a worker, or {@code null} when it never will. */
    Instant nextFireTime(Schedule schedule) {
        if (schedule.definition().state() != ScheduleState.ENABLED) {
            return null;
        }
        PendingRetry retry = retries.get(schedule.key());
        if (retry != null && retry.lastModificationDate().equals(schedule.lastModificationDate())) {
            return retry.retryAt();
        }
        ScheduleTimes times = ScheduleTimes.of(schedule);
        Instant cursor = schedule.firedThrough() != null
                ? schedule.firedThrough()
                : times.initialCursor(schedule.lastModificationDate());
        Optional<Instant> next = times.next(cursor);
        if (next.isPresent()) {
            return next.get();
        }
        // Nothing left to fire: a worker completes it (deletes it, with ActionAfterCompletion DELETE) right away.
        return schedule.definition().actionAfterCompletion() == ActionAfterCompletion.DELETE ? Instant.EPOCH : null;
    }

    /** Drops the pending retry of the schedule with {@code key}, if any (it was disabled). */
    void forget(String key) {
        retries.remove(key);
    }

    /** Drops the pending retries of schedules whose keys are not in {@code present} (they were deleted). */
    void retainOnly(Set<String> present) {
        retries.keySet().retainAll(present);
    }

    /**
     * Delivers the occurrence of {@code schedule} due at {@code now}, or its pending retry if that is due; empty when
     * nothing is due.
     */
    Optional<Firing> fire(Schedule schedule, Instant now) {
        ScheduleTimes times = ScheduleTimes.of(schedule);
        PendingRetry retry = retries.get(schedule.key());
        if (retry != null && !retry.lastModificationDate().equals(schedule.lastModificationDate())) {
            // Updated since the failure: the new definition starts afresh, as AWS drops an updated schedule's retries.
            retries.remove(schedule.key());
            retry = null;
        }
        Instant scheduledTime;
        String executionId;
        int attempt;
        if (retry != null) {
            if (now.isBefore(retry.retryAt())) {
                return Optional.empty();
            }
            scheduledTime = retry.scheduledTime();
            executionId = retry.executionId();
            attempt = retry.attempt() + 1;
        } else {
            Instant cursor = schedule.firedThrough() != null
                    ? schedule.firedThrough()
                    : times.initialCursor(schedule.lastModificationDate());
            Optional<ScheduleTimes.Due> due = times.due(cursor, now);
            if (due.isEmpty()) {
                if (times.next(cursor).isEmpty()) {
                    complete(schedule);
                }
                return Optional.empty();
            }
            if (due.get().foldsMissed()) {
                LOG.info(
                        "schedule {}: the occurrences from {} to before {} passed while nothing was firing; firing the latest only",
                        schedule.key(),
                        due.get().firstMissed(),
                        due.get().scheduledTime());
            }
            scheduledTime = due.get().scheduledTime();
            executionId = UUID.randomUUID().toString();
            attempt = 1;
        }
        String arn = registry.account().scheduleArn(schedule.groupName(), schedule.name());
        ScheduleTarget target = schedule.definition().target();
        String body = ScheduledEnvelope.substitute(
                target.input() == null ? DEFAULT_INPUT : target.input(), arn, scheduledTime, executionId, attempt);
        try {
            String messageId = sender.send(QueueArn.parse(target.arn()), body, target.messageGroupId(), Map.of());
            retries.remove(schedule.key());
            LOG.info(
                    "schedule {} fired for {} (attempt {}): message {} in {}",
                    schedule.key(),
                    scheduledTime,
                    attempt,
                    messageId,
                    QueueArn.parse(target.arn()).name());
            finish(schedule, times, scheduledTime);
            return Optional.of(new Firing(arn, scheduledTime, attempt, Firing.Outcome.SENT, messageId));
        } catch (RuntimeException e) {
            String code = errorCode(e);
            String message = errorMessage(e);
            TargetRetryPolicy policy = target.retryPolicy();
            String exhausted = attempt - 1 >= policy.maximumRetryAttempts()
                    ? "MaximumRetryAttempts"
                    : !now.isBefore(scheduledTime.plusSeconds(policy.maximumEventAgeInSeconds()))
                            ? "MaximumEventAgeInSeconds"
                            : null;
            if (exhausted == null) {
                Instant retryAt = now.plus(retryDelay(attempt));
                retries.put(
                        schedule.key(),
                        new PendingRetry(
                                schedule.lastModificationDate(),
                                scheduledTime,
                                executionId,
                                attempt,
                                retryAt,
                                code,
                                message));
                LOG.warn(
                        "schedule {} could not deliver {} (attempt {}): {}; retrying at {}",
                        schedule.key(),
                        scheduledTime,
                        attempt,
                        message,
                        retryAt);
                return Optional.of(new Firing(arn, scheduledTime, attempt, Firing.Outcome.RETRYING, message));
            }
            retries.remove(schedule.key());
            Firing.Outcome outcome =
                    deadLetter(schedule, arn, body, scheduledTime, executionId, attempt, code, message, exhausted);
            finish(schedule, times, scheduledTime);
            return Optional.of(new Firing(arn, scheduledTime, attempt, outcome, message));
        }
    }

    /** Records the occurrence as done and deletes the schedule if that was its last and it asks to be deleted. */
    private void finish(Schedule schedule, ScheduleTimes times, Instant scheduledTime) {
        Optional<Schedule> current = registry.recordFired(schedule, scheduledTime);
        if (current.isPresent()
                && current.get().lastModificationDate().equals(schedule.lastModificationDate())
                && times.next(scheduledTime).isEmpty()) {
            complete(current.get());
        }
    }

    private void complete(Schedule schedule) {
        if (schedule.definition().actionAfterCompletion() == ActionAfterCompletion.DELETE
                && registry.deleteCompleted(schedule)) {
            LOG.info("schedule {} completed and was deleted (ActionAfterCompletion DELETE)", schedule.key());
        }
    }

    /**
     * Sends the undelivered message to the schedule's dead-letter queue with the message attributes AWS's
     * dead-letter events carry, so a consumer written against AWS reads them alike.
     */
    private Firing.Outcome deadLetter(
            Schedule schedule,
            String arn,
            String body,
            Instant scheduledTime,
            String executionId,
            int attempt,
            String code,
            String message,
            String exhausted) {
        ScheduleTarget target = schedule.definition().target();
        if (target.deadLetterArn() == null) {
            LOG.warn(
                    "schedule {} gave up on {} after {} attempts ({}) and has no dead-letter queue: dropped. Last error: {}",
                    schedule.key(),
                    scheduledTime,
                    attempt,
                    exhausted,
                    message);
            return Firing.Outcome.DROPPED;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ERROR_CODE", code);
        attributes.put("ERROR_MESSAGE", message);
        attributes.put("EXECUTION_ID", executionId);
        attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        attributes.put("IS_PAYLOAD_TRUNCATED", "false");
        attributes.put("RETRY_ATTEMPTS", Integer.toString(attempt - 1));
        attributes.put(
                "SCHEDULED_TIME", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString());
        attributes.put("SCHEDULE_ARN", arn);
        attributes.put("TARGET_ARN", target.arn());
        try {
            sender.send(QueueArn.parse(target.deadLetterArn()), body, null, attributes);
            LOG.warn(
                    "schedule {} gave up on {} after {} attempts ({}); sent to dead-letter queue {}. Last error: {}",
                    schedule.key(),
                    scheduledTime,
                    attempt,
                    exhausted,
                    QueueArn.parse(target.deadLetterArn()).name(),
                    message);
            return Firing.Outcome.DEAD_LETTERED;
        } catch (RuntimeException e) {
            LOG.warn(
                    "schedule {} gave up on {} and could not reach its dead-letter queue either ({}): dropped. Last error: {}",
                    schedule.key(),
                    scheduledTime,
                    e.toString(),
                    message);
            return Firing.Outcome.DROPPED;
        }
    }

    private static Duration retryDelay(int attempt) {
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(attempt - 1, 16));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private static String errorMessage(RuntimeException e) {
        if (e instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorMessage() != null) {
            return aws.awsErrorDetails().errorMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String errorCode(RuntimeException e) {
        if (e instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
