package io.sluice.local.scheduler;

import io.sluice.schedule.AtExpression;
import io.sluice.schedule.ScheduleExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * When one schedule fires: its expression's occurrences in its time zone, within its start and end dates.
 *
 * <p>EventBridge Scheduler ignores start and end dates for one-time {@code at()} schedules, so only recurring
 * ones are bounded by them. A {@code rate()} counts from the start date or, when there is none, from the
 * moment the schedule was created (to the second): AWS starts a rate schedule without a start date at once.
 * A recurring schedule's first occurrence is the first one at or after the second it was created or last
 * updated (or its start date, if later). A one-time schedule fires even when its time has already passed,
 * on the next check: see {@link #initialCursor(Instant)} for why.
 */
public final class ScheduleTimes {
    /** Before any {@code at()} time a caller can write; where a one-time schedule starts looking. */
    private static final Instant BEGINNING = Instant.EPOCH;
    /** Occurrences missed while sluice-local was stopped are collapsed into the latest; this bounds the walk to it. */
    private static final int MAX_CATCH_UP = 100_000;
    /** How far back from now the walk to the latest missed occurrence may start, tried from the nearest. */
    private static final List<Duration> CATCH_UP_WINDOWS = List.of(
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(31), Duration.ofDays(366));

    private final ScheduleExpression expression;
    private final ZoneId zone;
    private final Instant origin;
    private final Instant startDate;
    private final Instant endDate;
    private final boolean oneTime;

    private ScheduleTimes(
            ScheduleExpression expression, ZoneId zone, Instant origin, Instant startDate, Instant endDate) {
        this.expression = expression;
        this.zone = zone;
        this.oneTime = expression instanceof AtExpression;
        this.origin = origin;
        this.startDate = oneTime ? null : startDate;
        this.endDate = oneTime ? null : endDate;
    }

    /**
     * The times of a schedule given its parts, as {@code GetSchedule} reports them.
     *
     * @throws IllegalArgumentException for an expression or zone the scheduler would not have accepted
     */
    public static ScheduleTimes of(
            String expression, String timezone, Instant startDate, Instant endDate, Instant creationDate) {
        Instant origin = startDate != null ? startDate : creationDate.truncatedTo(ChronoUnit.SECONDS);
        return new ScheduleTimes(ScheduleExpression.parse(expression), ZoneId.of(timezone), origin, startDate, endDate);
    }

    /** The times of a stored schedule. */
    public static ScheduleTimes of(Schedule schedule) {
        ScheduleDefinition d = schedule.definition();
        return of(d.expression(), d.timezone(), d.startDate(), d.endDate(), schedule.creationDate());
    }

    /**
     * Where the search for occurrences begins for a schedule defined (created or updated) at {@code definedAt}:
     * just before that second, or before its start date if later. A one-time schedule begins before any time at
     * all, so an {@code at()} already past fires at once: whether AWS fires such a schedule is not documented,
     * and a job that runs late is found, where one that never runs is lost without a trace.
     */
    public Instant initialCursor(Instant definedAt) {
        if (oneTime) {
            return BEGINNING;
        }
        Instant second = definedAt.truncatedTo(ChronoUnit.SECONDS);
        Instant from = startDate != null && startDate.isAfter(second) ? startDate : second;
        return from.minusNanos(1);
    }

    /** The first occurrence strictly after {@code after}, or empty when the schedule will not fire again. */
    public Optional<Instant> next(Instant after) {
        Instant from = after;
        if (startDate != null && from.isBefore(startDate)) {
            from = startDate.minusNanos(1);
        }
        Optional<Instant> next = expression.nextFireAfter(from, origin, zone);
        if (next.isPresent() && endDate != null && next.get().isAfter(endDate)) {
            return Optional.empty();
        }
        return next;
    }

    /**
     * The occurrence to fire now: the latest one after {@code after} and at or before {@code now}, and the
     * earliest one it stands for when others passed while nothing was checking (they are not replayed one by
     * one). Empty when nothing is due.
     */
    public Optional<Due> due(Instant after, Instant now) {
        Optional<Instant> first = next(after);
        if (first.isEmpty() || first.get().isAfter(now)) {
            return Optional.empty();
        }
        // After a long stop, start the walk to the latest occurrence close to now instead of at the first missed
        // one: a rate(1 minute) schedule stopped for a year would otherwise take half a million steps.
        Instant from = after;
        for (Duration back : CATCH_UP_WINDOWS) {
            Instant cursor = now.minus(back);
            if (!cursor.isAfter(from)) {
                break;
            }
            Optional<Instant> inWindow = next(cursor);
            if (inWindow.isPresent() && !inWindow.get().isAfter(now)) {
                from = cursor;
                break;
            }
        }
        Instant due = from.equals(after) ? first.get() : next(from).orElseThrow();
        for (int step = 0; step < MAX_CATCH_UP; step++) {
            Optional<Instant> later = next(due);
            if (later.isEmpty() || later.get().isAfter(now) || !later.get().isAfter(due)) {
                break;
            }
            due = later.get();
        }
        return Optional.of(new Due(due, first.get()));
    }

    /** Whether the expression is a one-time {@code at()}. */
    public boolean isOneTime() {
        return oneTime;
    }

    /**
     * An occurrence that is due. {@code firstMissed} is the earliest occurrence folded into it: itself when
     * nothing was missed.
     */
    public record Due(Instant scheduledTime, Instant firstMissed) {
        /** Whether earlier occurrences passed unfired and are folded into this one. */
        public boolean foldsMissed() {
            return !firstMissed.equals(scheduledTime);
        }
    }
}
