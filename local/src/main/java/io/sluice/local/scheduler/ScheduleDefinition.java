package io.sluice.local.scheduler;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Everything a caller sets on a schedule with {@code CreateSchedule} or {@code UpdateSchedule}, after the
 * defaults AWS applies: time zone {@code UTC}, state {@code ENABLED}, action after completion {@code NONE}.
 * An update replaces the whole definition, as AWS does: a field left out of an update returns to its default.
 *
 * @param expression {@code at(…)}, {@code rate(…)} or {@code cron(…)}, see {@link io.sluice.schedule.ScheduleExpression}
 * @param timezone the IANA zone the expression is read in
 * @param startDate recurring schedules fire no earlier; {@code null} when not set; ignored by {@code at()}
 * @param endDate recurring schedules fire no later; {@code null} when not set; ignored by {@code at()}
 * @param description {@code null} when not set
 * @param kmsKeyArn stored and reported only; {@code null} when not set
 */
public record ScheduleDefinition(
        String expression,
        String timezone,
        Instant startDate,
        Instant endDate,
        ScheduleState state,
        FlexibleTimeWindow flexibleTimeWindow,
        ScheduleTarget target,
        ActionAfterCompletion actionAfterCompletion,
        String description,
        String kmsKeyArn) {

    public ScheduleDefinition {
        timezone = timezone == null ? "UTC" : timezone;
        state = state == null ? ScheduleState.ENABLED : state;
        flexibleTimeWindow = flexibleTimeWindow == null ? FlexibleTimeWindow.OFF : flexibleTimeWindow;
        actionAfterCompletion = actionAfterCompletion == null ? ActionAfterCompletion.NONE : actionAfterCompletion;
    }

    /** Whether the expression is a one-time {@code at()}, which fires once and ignores start and end dates. */
    @JsonIgnore
    public boolean isOneTime() {
        return expression.trim().startsWith("at(");
    }
}
