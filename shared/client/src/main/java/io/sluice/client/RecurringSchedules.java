package io.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.envelope.Excerpt;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.schedule.IanaZone;
import io.sluice.schedule.InvalidScheduleExpressionException;
import io.sluice.schedule.ScheduleExpression;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * Recurring schedules a service creates at run time in the app's schedule group: create or update (left alone
 * when unchanged, so a service can sync its schedules on every pass), delete, and list. Names that belong to
 * one-time job schedules or to a type's {@code @Job(schedule = ...)} are refused, so run-time calls never touch
 * what the deployment owns.
 */
final class RecurringSchedules {
    private final Supplier<SchedulerClient> scheduler;
    private final String group;
    private final JobTypes types;
    private final ScheduleTargets targets;
    private final Clock clock;

    /** @param scheduler made on first use: a producer that only sends jobs due soon never needs one */
    RecurringSchedules(
            Supplier<SchedulerClient> scheduler, String group, JobTypes types, ScheduleTargets targets, Clock clock) {
        this.scheduler = scheduler;
        this.group = group;
        this.types = types;
        this.targets = targets;
        this.clock = clock;
    }

    /** See {@link SluiceClient#schedule(String, String, String, String, Object, Priority)}. */
    RecurringSchedule put(
            String name, String expression, String timezone, String type, Object payload, Priority priority) {
        checkName(name);
        ScheduleExpression parsed = recurringExpression(expression);
        String zone = timezone == null || timezone.isBlank() ? "UTC" : timezone.trim();
        if (IanaZone.of(zone).isEmpty()) {
            throw new JobRejectedException(
                    "timezone '" + zone + "' is not an IANA time zone id such as UTC or Europe/Paris");
        }
        JobDefinition definition = types.definition(type);
        Priority chosen = types.priority(definition, priority);
        JsonNode tree = types.payload(definition, payload);
        String input = ScheduledEnvelope.template(name, definition.type(), chosen, tree);
        Target target = targets.target(definition, chosen, input, name);
        try {
            scheduler
                    .get()
                    .createSchedule(r -> r.name(name)
                            .groupName(group)
                            .scheduleExpression(parsed.text())
                            .scheduleExpressionTimezone(zone)
                            .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                            .state(ScheduleState.ENABLED)
                            .target(target)
                            .description("Sluice: runs " + definition.type()));
        } catch (ConflictException exists) {
            GetScheduleResponse current =
                    scheduler.get().getSchedule(r -> r.groupName(group).name(name));
            if (unchanged(current, parsed.text(), zone, target)) {
                // An update would only risk re-anchoring a rate schedule (syncing calls this on every pass).
                return new RecurringSchedule(
                        name, parsed.text(), zone, definition.type(), chosen, true, current.creationDate(), false);
            }
            scheduler
                    .get()
                    .updateSchedule(r -> r.name(name)
                            .groupName(group)
                            .scheduleExpression(parsed.text())
                            .scheduleExpressionTimezone(zone)
                            .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                            .state(ScheduleState.ENABLED)
                            .target(target)
                            .description("Sluice: runs " + definition.type()));
        }
        return new RecurringSchedule(
                name, parsed.text(), zone, definition.type(), chosen, true, clock.instant(), false);
    }

    /** See {@link SluiceClient#unschedule(String)}. */
    boolean delete(String name) {
        checkName(name);
        try {
            scheduler.get().deleteSchedule(r -> r.groupName(group).name(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** See {@link SluiceClient#schedules()}. */
    List<RecurringSchedule> list() {
        List<RecurringSchedule> result = new ArrayList<>();
        for (ScheduleSummary summary :
                scheduler.get().listSchedulesPaginator(r -> r.groupName(group)).schedules()) {
            recurring(summary).ifPresent(result::add);
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }

    /** See {@link SluiceClient#schedules(String, int)}. */
    SchedulePage page(String token, int size) {
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("page size must be 1 to 100 (Scheduler's MaxResults), was " + size);
        }
        ListSchedulesResponse listed;
        try {
            listed = scheduler
                    .get()
                    .listSchedules(r -> r.groupName(group).maxResults(size).nextToken(token));
        } catch (ValidationException e) {
            // Only the token can be wrong here (the group and the size are ours): a stale or hand-edited page link.
            throw new IllegalArgumentException(
                    "page token '" + Excerpt.of(token) + "' is not one a listing of this group gave; start again from"
                            + " the first page (no token)",
                    e);
        }
        List<RecurringSchedule> page = new ArrayList<>();
        for (ScheduleSummary summary : listed.schedules()) {
            recurring(summary).ifPresent(page::add);
        }
        return new SchedulePage(page, listed.nextToken());
    }

    /** The recurring schedule a summary names; empty for a one-time job schedule or one deleted meanwhile. */
    private Optional<RecurringSchedule> recurring(ScheduleSummary summary) {
        if (summary.name().startsWith(OneTimeSchedules.PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    listed(scheduler.get().getSchedule(r -> r.groupName(group).name(summary.name()))));
        } catch (ResourceNotFoundException deletedMeanwhile) {
            return Optional.empty();
        }
    }

    private RecurringSchedule listed(GetScheduleResponse s) {
        String type = null;
        Priority priority = null;
        try {
            JsonNode input = SluiceJson.mapper().readTree(s.target().input());
            type = input.path("type").isTextual() ? input.get("type").asText() : null;
            priority = input.path("priority").isTextual()
                    ? Priority.fromWire(input.get("priority").asText())
                    : null;
        } catch (JsonProcessingException | RuntimeException notAnEnvelope) {
            // A schedule someone else put in the group: listed, without a type.
        }
        return new RecurringSchedule(
                s.name(),
                s.scheduleExpression(),
                s.scheduleExpressionTimezone() == null ? "UTC" : s.scheduleExpressionTimezone(),
                type,
                priority,
                s.state() == ScheduleState.ENABLED,
                s.creationDate(),
                types.declaresSchedule(s.name()));
    }

    /** Whether the schedule as it is already does what the call asks: same expression, zone, state, input and queue. */
    private static boolean unchanged(GetScheduleResponse current, String expression, String zone, Target target) {
        return expression.equals(current.scheduleExpression())
                && zone.equals(current.scheduleExpressionTimezone())
                && current.state() == ScheduleState.ENABLED
                && target.input().equals(current.target().input())
                && target.arn().equals(current.target().arn());
    }

    private static ScheduleExpression recurringExpression(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new JobRejectedException("schedule expression is missing; give cron(...) or rate(...)");
        }
        ScheduleExpression parsed;
        try {
            parsed = ScheduleExpression.parse(expression);
        } catch (InvalidScheduleExpressionException e) {
            throw new JobRejectedException(e.getMessage());
        }
        if (parsed.text().startsWith("at(")) {
            throw new JobRejectedException(
                    "schedule expression " + parsed.text() + " runs once; a recurring schedule needs cron(...) or"
                            + " rate(...), and a one-time job is enqueue(type, payload, options.runAt(...))");
        }
        return parsed;
    }

    private void checkName(String name) {
        if (name == null || !ScheduledEnvelope.NAME.matcher(name).matches()) {
            throw new JobRejectedException(
                    "schedule name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (name.startsWith(OneTimeSchedules.PREFIX)) {
            throw new JobRejectedException("schedule name '" + name + "' must not start with '"
                    + OneTimeSchedules.PREFIX + "': that prefix belongs to one-time job schedules");
        }
        if (types.declaresSchedule(name)) {
            throw new JobRejectedException("schedule '" + name
                    + "' is declared by a job type's @Job(schedule = ...); change it there" + " and redeploy");
        }
    }
}
