package io.sluice.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The message body a recurring schedule sends to a job queue: a job envelope whose job id and creation
 * time are EventBridge Scheduler's {@value #SCHEDULED_TIME} context attribute. Scheduler replaces the
 * attribute with the firing's scheduled time, so every delivery of one firing (Scheduler retries, a
 * duplicate SQS delivery) carries the same job id, {@code <schedule name>:<scheduled time>}, and the
 * idempotency claim lets it run once. The CDK app puts this template in each catalogue schedule, the
 * producer client in each run-time schedule, and sluice-local's scheduler substitutes the attribute the
 * way Scheduler does, so the three agree on the id of a firing.
 */
public final class ScheduledEnvelope {
    /** Scheduler's context attribute for the time a firing was scheduled for, such as {@code 2022-03-22T18:59:43Z}. */
    public static final String SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";
    /** Scheduler's context attribute for the schedule's ARN. */
    public static final String SCHEDULE_ARN = "<aws.scheduler.schedule-arn>";
    /** Scheduler's context attribute for the id of one invocation attempt. */
    public static final String EXECUTION_ID = "<aws.scheduler.execution-id>";
    /** Scheduler's context attribute for the attempt number of one invocation, from 1. */
    public static final String ATTEMPT_NUMBER = "<aws.scheduler.attempt-number>";

    /** EventBridge Scheduler schedule and group names. */
    public static final Pattern NAME = Pattern.compile("[0-9a-zA-Z._-]{1,64}");

    private ScheduledEnvelope() {}

    /** The name of the schedule a catalogue type declares: {@code <app>-<type>}, in the app's schedule group. */
    public static String catalogueScheduleName(String app, JobDefinition definition) {
        return app + "-" + definition.type();
    }

    /** The envelope template of a catalogue type's schedule: its default priority and its declared payload. */
    public static String forCatalogue(String app, JobDefinition definition) {
        return template(
                catalogueScheduleName(app, definition),
                definition.type(),
                definition.defaultPriority(),
                definition.schedule().payloadTree());
    }

    /**
     * The envelope template for a recurring schedule named {@code scheduleName}: job id and creation time
     * are {@value #SCHEDULED_TIME}, the source is {@code schedule:<name>}.
     */
    public static String template(String scheduleName, String type, Priority priority, JsonNode payload) {
        if (!NAME.matcher(scheduleName).matches()) {
            throw new IllegalArgumentException(
                    "schedule name '" + scheduleName + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        // The envelope record stays the one source of field order and optional-field rules; the two fields
        // Scheduler fills in are then set to its attribute, which no record field could hold.
        JobEnvelope envelope = JobEnvelope.builder()
                .jobId(scheduleName)
                .type(type)
                .priority(priority)
                .payload(payload)
                .createdAt(Instant.EPOCH)
                .source("schedule:" + scheduleName)
                .build();
        ObjectNode node = SluiceJson.mapper().valueToTree(envelope);
        node.put("jobId", scheduleName + ":" + SCHEDULED_TIME);
        node.put("createdAt", SCHEDULED_TIME);
        try {
            return SluiceJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the envelope template of schedule " + scheduleName, e);
        }
    }

    /** The job id of the firing of {@code scheduleName} scheduled for {@code scheduledTime}, as Scheduler spells the time. */
    public static String jobId(String scheduleName, Instant scheduledTime) {
        return scheduleName + ":" + scheduledTime.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Replaces Scheduler's context attributes in a target input the way Scheduler does when it invokes the
     * target; sluice-local's scheduler uses it so local firings carry the ids AWS would give them.
     */
    public static String substitute(
            String input, String scheduleArn, Instant scheduledTime, String executionId, int attemptNumber) {
        String result = input;
        for (Map.Entry<String, String> e : Map.of(
                        SCHEDULED_TIME,
                        scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString(),
                        SCHEDULE_ARN,
                        scheduleArn,
                        EXECUTION_ID,
                        executionId,
                        ATTEMPT_NUMBER,
                        Integer.toString(attemptNumber))
                .entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }
}
