package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.local.scheduler.ActionAfterCompletion;
import io.sluice.local.scheduler.FlexibleTimeWindow;
import io.sluice.local.scheduler.Schedule;
import io.sluice.local.scheduler.ScheduleDefinition;
import io.sluice.local.scheduler.ScheduleGroup;
import io.sluice.local.scheduler.ScheduleState;
import io.sluice.local.scheduler.ScheduleTarget;
import io.sluice.local.scheduler.SchedulerAccount;
import io.sluice.local.scheduler.TargetRetryPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The JSON shapes of the EventBridge Scheduler API (service model {@code scheduler-2021-06-30}, restJson1)
 * that sluice-local speaks: a schedule definition read from {@code CreateSchedule} and {@code UpdateSchedule}
 * with each member checked against its shape, and the {@code GetSchedule}, {@code ScheduleSummary} and
 * schedule-group shapes written back. Timestamps are epoch seconds with milliseconds, as the protocol sends them.
 */
final class ScheduleShapes {
    /** Schedule and group names. */
    static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]+");

    static final Pattern CLIENT_TOKEN = Pattern.compile("[a-zA-Z0-9-_]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern DEAD_LETTER_ARN =
            Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+");
    private static final Pattern KMS_KEY_ARN =
            Pattern.compile("arn:aws(-[a-z]+)?:kms:[a-z0-9\\-]+:\\d{12}:(key|alias)/[0-9a-zA-Z-_]*");
    private static final int ARN_MAX = 1600;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ScheduleShapes() {}

    /** The definition in a {@code CreateSchedule} or {@code UpdateSchedule} body; the name comes from the path. */
    static ScheduleDefinition definition(JsonNode body) {
        RequestFields request = RequestFields.of(body);
        String expression = request.string("ScheduleExpression", true, 1, 256, null);
        String timezone = request.string("ScheduleExpressionTimezone", false, 1, 50, null);
        Instant startDate = request.timestamp("StartDate");
        Instant endDate = request.timestamp("EndDate");
        ScheduleState state = request.choice("State", ScheduleState.class, false);
        RequestFields window = request.structure("FlexibleTimeWindow", true);
        FlexibleTimeWindow flexibleTimeWindow = new FlexibleTimeWindow(
                window.choice("Mode", FlexibleTimeWindow.Mode.class, true),
                window.integer("MaximumWindowInMinutes", false, 1, 1440));
        ScheduleTarget target = target(request.structure("Target", true));
        ActionAfterCompletion action = request.choice("ActionAfterCompletion", ActionAfterCompletion.class, false);
        String description = request.string("Description", false, 0, 512, null);
        String kmsKeyArn = request.string("KmsKeyArn", false, 1, 2048, KMS_KEY_ARN);
        return new ScheduleDefinition(
                expression,
                timezone,
                startDate,
                endDate,
                state,
                flexibleTimeWindow,
                target,
                action,
                description,
                kmsKeyArn);
    }

    private static ScheduleTarget target(RequestFields target) {
        String arn = target.string("Arn", true, 1, ARN_MAX, null);
        String roleArn = target.string("RoleArn", true, 1, ARN_MAX, ROLE_ARN);
        String input = target.string("Input", false, 1, Integer.MAX_VALUE, null);
        RequestFields sqs = target.structure("SqsParameters", false);
        String messageGroupId = sqs == null ? null : sqs.string("MessageGroupId", false, 1, 128, null);
        RequestFields retry = target.structure("RetryPolicy", false);
        TargetRetryPolicy retryPolicy = TargetRetryPolicy.DEFAULT;
        if (retry != null) {
            Integer age = retry.integer("MaximumEventAgeInSeconds", false, 60, 86_400);
            Integer attempts = retry.integer("MaximumRetryAttempts", false, 0, 185);
            retryPolicy = new TargetRetryPolicy(
                    age == null ? TargetRetryPolicy.DEFAULT.maximumEventAgeInSeconds() : age,
                    attempts == null ? TargetRetryPolicy.DEFAULT.maximumRetryAttempts() : attempts);
        }
        RequestFields deadLetter = target.structure("DeadLetterConfig", false);
        String deadLetterArn = deadLetter == null ? null : deadLetter.string("Arn", false, 1, ARN_MAX, DEAD_LETTER_ARN);
        return new ScheduleTarget(arn, roleArn, input, messageGroupId, retryPolicy, deadLetterArn);
    }

    /** {@code CreateScheduleOutput} and {@code UpdateScheduleOutput}: {@code {"ScheduleArn": …}}. */
    static ObjectNode scheduleArn(Schedule schedule, SchedulerAccount account) {
        return JSON.objectNode().put("ScheduleArn", account.scheduleArn(schedule.groupName(), schedule.name()));
    }

    /** {@code GetScheduleOutput}. */
    static ObjectNode schedule(Schedule schedule, SchedulerAccount account) {
        ScheduleDefinition d = schedule.definition();
        ObjectNode out = JSON.objectNode();
        out.put("Arn", account.scheduleArn(schedule.groupName(), schedule.name()));
        out.put("Name", schedule.name());
        out.put("GroupName", schedule.groupName());
        putIfSet(out, "Description", d.description());
        out.put("ScheduleExpression", d.expression());
        out.put("ScheduleExpressionTimezone", d.timezone());
        putTime(out, "StartDate", d.startDate());
        putTime(out, "EndDate", d.endDate());
        out.put("State", d.state().name());
        ObjectNode window = out.putObject("FlexibleTimeWindow");
        window.put("Mode", d.flexibleTimeWindow().mode().name());
        if (d.flexibleTimeWindow().maximumWindowInMinutes() != null) {
            window.put("MaximumWindowInMinutes", d.flexibleTimeWindow().maximumWindowInMinutes());
        }
        out.set("Target", target(d.target()));
        out.put("ActionAfterCompletion", d.actionAfterCompletion().name());
        putIfSet(out, "KmsKeyArn", d.kmsKeyArn());
        putTime(out, "CreationDate", schedule.creationDate());
        putTime(out, "LastModificationDate", schedule.lastModificationDate());
        return out;
    }

    private static ObjectNode target(ScheduleTarget target) {
        ObjectNode out = JSON.objectNode();
        out.put("Arn", target.arn());
        out.put("RoleArn", target.roleArn());
        putIfSet(out, "Input", target.input());
        if (target.messageGroupId() != null) {
            out.putObject("SqsParameters").put("MessageGroupId", target.messageGroupId());
        }
        ObjectNode retry = out.putObject("RetryPolicy");
        retry.put("MaximumEventAgeInSeconds", target.retryPolicy().maximumEventAgeInSeconds());
        retry.put("MaximumRetryAttempts", target.retryPolicy().maximumRetryAttempts());
        if (target.deadLetterArn() != null) {
            out.putObject("DeadLetterConfig").put("Arn", target.deadLetterArn());
        }
        return out;
    }

    /** {@code ScheduleSummary}, one entry of {@code ListSchedules}. */
    static ObjectNode summary(Schedule schedule, SchedulerAccount account) {
        ObjectNode out = JSON.objectNode();
        out.put("Arn", account.scheduleArn(schedule.groupName(), schedule.name()));
        out.put("Name", schedule.name());
        out.put("GroupName", schedule.groupName());
        out.put("State", schedule.definition().state().name());
        putTime(out, "CreationDate", schedule.creationDate());
        putTime(out, "LastModificationDate", schedule.lastModificationDate());
        out.putObject("Target").put("Arn", schedule.definition().target().arn());
        return out;
    }

    /** {@code GetScheduleGroupOutput} and {@code ScheduleGroupSummary}, which have the same members. */
    static ObjectNode group(ScheduleGroup group, SchedulerAccount account) {
        ObjectNode out = JSON.objectNode();
        out.put("Arn", account.groupArn(group.name()));
        out.put("Name", group.name());
        out.put("State", "ACTIVE");
        putTime(out, "CreationDate", group.creationDate());
        putTime(out, "LastModificationDate", group.lastModificationDate());
        return out;
    }

    private static void putIfSet(ObjectNode out, String member, String value) {
        if (value != null) {
            out.put(member, value);
        }
    }

    private static void putTime(ObjectNode out, String member, Instant value) {
        if (value != null) {
            out.put(member, BigDecimal.valueOf(value.toEpochMilli(), 3));
        }
    }
}
