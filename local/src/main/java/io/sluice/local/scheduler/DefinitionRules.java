package io.sluice.local.scheduler;

import io.sluice.runtime.QueueArn;
import io.sluice.schedule.IanaZone;
import io.sluice.schedule.InvalidScheduleExpressionException;
import io.sluice.schedule.ScheduleExpression;
import java.time.Duration;
import java.time.Instant;

/**
 * EventBridge Scheduler's rules for a schedule definition, beyond each field's own shape, which the {@link
 * ScheduleRegistry} applies before it stores a create or an update; a broken rule is a {@link SchedulerException}
 * naming the field, as AWS's {@code ValidationException} does.
 */
final class DefinitionRules {
    /** How far in the past AWS accepts a recurring schedule's start date. */
    private static final Duration START_DATE_GRACE = Duration.ofMinutes(5);

    private DefinitionRules() {}

    /**
     * The checks AWS makes beyond a field's own shape: the expression parses, the zone exists, the target is
     * a queue sluice-local can send to, FIFO targets carry a message group id, a flexible window has a length,
     * and a recurring schedule's dates are in order.
     */
    static void check(ScheduleDefinition d, Instant now) {
        try {
            ScheduleExpression.parse(d.expression());
        } catch (InvalidScheduleExpressionException e) {
            throw SchedulerException.invalid("scheduleExpression", d.expression(), e.problem());
        }
        if (IanaZone.of(d.timezone()).isEmpty()) {
            throw SchedulerException.invalid(
                    "scheduleExpressionTimezone",
                    d.timezone(),
                    "Member must be an IANA time zone id such as UTC or Europe/Paris");
        }
        if (d.flexibleTimeWindow().mode() == FlexibleTimeWindow.Mode.FLEXIBLE
                && d.flexibleTimeWindow().maximumWindowInMinutes() == null) {
            throw SchedulerException.invalid(
                    "flexibleTimeWindow.maximumWindowInMinutes", null, "Member must not be null when mode is FLEXIBLE");
        }
        QueueArn queue = queueArn(
                "target.arn",
                d.target().arn(),
                "sluice-local's scheduler sends to Amazon SQS queues only: "
                        + "arn:aws:sqs:<region>:<account>:<queue name>");
        if (queue.isFifo() && d.target().messageGroupId() == null) {
            throw SchedulerException.invalid(
                    "target.sqsParameters.messageGroupId",
                    null,
                    "Member must not be null when the target is the FIFO queue " + queue.name());
        }
        if (d.target().deadLetterArn() != null) {
            QueueArn deadLetter = queueArn(
                    "target.deadLetterConfig.arn",
                    d.target().deadLetterArn(),
                    "Member must be the ARN of a standard Amazon SQS queue");
            if (deadLetter.isFifo()) {
                throw SchedulerException.invalid(
                        "target.deadLetterConfig.arn",
                        d.target().deadLetterArn(),
                        "EventBridge Scheduler does not support a FIFO queue as a dead-letter queue");
            }
        }
        if (d.isOneTime()) {
            return;
        }
        if (d.startDate() != null && d.endDate() != null && !d.endDate().isAfter(d.startDate())) {
            throw SchedulerException.invalid(
                    "endDate", d.endDate(), "The EndDate must be after the StartDate " + d.startDate());
        }
        if (d.startDate() != null && d.startDate().isBefore(now.minus(START_DATE_GRACE))) {
            throw SchedulerException.invalid(
                    "startDate", d.startDate(), "The StartDate you specify cannot be earlier than 5 minutes ago");
        }
    }

    private static QueueArn queueArn(String field, String arn, String constraint) {
        try {
            QueueArn queue = QueueArn.parse(arn);
            if (!queue.partition().startsWith("aws")) {
                throw new IllegalArgumentException("partition " + queue.partition());
            }
            return queue;
        } catch (IllegalArgumentException e) {
            throw SchedulerException.invalid(field, arn, constraint);
        }
    }
}
