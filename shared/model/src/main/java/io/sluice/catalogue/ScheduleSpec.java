package io.sluice.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.schedule.CronExpression;
import io.sluice.schedule.IanaZone;
import io.sluice.schedule.InvalidScheduleExpressionException;
import io.sluice.schedule.ScheduleExpression;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recurring schedule a job type declares with {@code @Job(schedule = …)}: an EventBridge Scheduler
 * {@code cron(…)} or {@code rate(…)} expression, the time zone its cron fields are read in, and the payload
 * each firing carries. The CDK app turns it into one schedule in the app's schedule group; sluice-local's
 * scheduler fires it into the local queue. A firing goes to the type's default priority ({@code normal} if it takes it, else its first).
 *
 * @param expression {@code cron(…)} or {@code rate(…)}, checked with {@link ScheduleExpression#parse} at build time;
 *        {@code null} when the type has no schedule
 * @param timezone an IANA zone id such as {@code Europe/Paris}; {@code UTC} when not given
 * @param payload the JSON object every firing carries as the envelope's payload; {@code {}} when not given
 */
public record ScheduleSpec(String expression, String timezone, String payload) {
    /** What a job type without a schedule has. */
    public static final ScheduleSpec NONE = new ScheduleSpec(null, "UTC", "{}");

    public ScheduleSpec {
        expression = expression == null || expression.isBlank() ? null : expression.trim();
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.trim();
        payload = payload == null || payload.isBlank() ? "{}" : payload;
    }

    /** Whether the type is fired by a schedule. */
    @JsonIgnore
    public boolean isScheduled() {
        return expression != null;
    }

    /** The payload as a JSON tree; call only when {@link #problems()} is empty. */
    public JsonNode payloadTree() {
        try {
            return SluiceJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("schedulePayload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The parsed expression; call only when {@link #problems()} is empty. */
    public ScheduleExpression parsedExpression() {
        return ScheduleExpression.parse(expression);
    }

    /**
     * Every setting that cannot be deployed, each naming the {@code @Job} attribute and what was wrong. Empty when usable or unscheduled.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!isScheduled()) {
            return problems;
        }
        if (expression.startsWith("at(")) {
            problems.add("schedule '" + expression + "' must recur (cron(...) or rate(...)); one-time at(...) runs are"
                    + " created at run time by the producer client");
        } else if (!expression.startsWith("cron(") && !expression.startsWith("rate(")) {
            problems.add("schedule '" + expression + "' must be cron(...) or rate(...)");
        } else {
            expressionProblem().ifPresent(problems::add);
        }
        if (IanaZone.of(timezone).isEmpty()) {
            problems.add("timezone '" + timezone + "' is not an IANA time zone id such as UTC or Europe/Paris");
        }
        try {
            JsonNode tree = SluiceJson.mapper().readTree(payload);
            if (tree == null || !tree.isObject()) {
                problems.add("schedulePayload must be a JSON object, was " + payload);
            }
        } catch (JsonProcessingException e) {
            problems.add("schedulePayload is not JSON: " + e.getOriginalMessage());
        }
        return problems;
    }

    /**
     * What Scheduler would refuse in a cron(...) or rate(...) expression, naming the field at fault; also a
     * cron expression that matches no date at all (such as February 30), which Scheduler may take but which
     * would never run the job. Whether it still fires after today is left alone: a build must not depend on
     * the day it runs.
     */
    private Optional<String> expressionProblem() {
        ScheduleExpression parsed;
        try {
            parsed = ScheduleExpression.parse(expression);
        } catch (InvalidScheduleExpressionException e) {
            return Optional.of("schedule '" + expression + "': " + e.problem());
        }
        if (parsed instanceof CronExpression cron
                && cron.nextFireAfter(Instant.EPOCH.minusSeconds(1), Instant.EPOCH, ZoneOffset.UTC)
                        .isEmpty()) {
            return Optional.of("schedule '" + expression
                    + "' never fires: no date in 1970-2199 matches its day, month and year fields");
        }
        return Optional.empty();
    }
}
