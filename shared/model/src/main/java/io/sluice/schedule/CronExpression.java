package io.sluice.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurring schedule at wall-clock times, {@code cron(minutes hours day-of-month month day-of-week year)}:
 * six fields, read in the schedule's time zone, always at second 0 of the minute. Unlike Unix cron there
 * is a year field (1970-2199), days of the week run 1 (SUN) to 7 (SAT), exactly one of day-of-month and
 * day-of-week is {@code ?}, and {@code L}, {@code W} and {@code #} pick last days, nearest weekdays and
 * n-th weekdays (see {@link CronDays}).
 *
 * <p>Daylight saving follows Scheduler: a local time that a spring-forward change skips does not fire
 * that day (a daily 02:30 in New York has no firing on the day clocks jump from 02:00 to 03:00), and a
 * local time that a fall-back change repeats fires once, at its first occurrence.
 *
 * @param text the expression as given (trimmed)
 * @param minutes 0-59
 * @param hours 0-23
 * @param dayOfMonth {@code ?}, days 1-31, {@code L}, {@code LW} or {@code nW}
 * @param months 1-12
 * @param dayOfWeek {@code ?}, days 1-7 (1 = SUN), {@code L}, {@code nL} or {@code n#k}
 * @param years 1970-2199
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html">Cron expressions reference</a>
 * @see <a href="https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time">Daylight saving time on EventBridge Scheduler</a>
 */
public record CronExpression(
        String text,
        CronField minutes,
        CronField hours,
        CronDays dayOfMonth,
        CronField months,
        CronDays dayOfWeek,
        CronField years)
        implements ScheduleExpression {
    private static final String FIELDS = "minutes hours day-of-month month day-of-week year";
    /** Bounds around the year field's 1970-2199 that hold in every zone, so far-off instants need no local date-time. */
    private static final Instant BEFORE_FIRST_YEAR = Instant.parse("1969-12-01T00:00:00Z");

    private static final Instant BEYOND_LAST_YEAR = Instant.parse("2200-01-02T00:00:00Z");

    public CronExpression {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(minutes, "minutes");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(dayOfMonth, "dayOfMonth");
        Objects.requireNonNull(months, "months");
        Objects.requireNonNull(dayOfWeek, "dayOfWeek");
        Objects.requireNonNull(years, "years");
        boolean domFree = dayOfMonth instanceof CronDays.NoSpecificValue;
        boolean dowFree = dayOfWeek instanceof CronDays.NoSpecificValue;
        if (domFree == dowFree) {
            throw new InvalidScheduleExpressionException(
                    text, "exactly one of day-of-month and day-of-week must be '?'");
        }
        if (!(dayOfMonth instanceof CronDays.NoSpecificValue
                || dayOfMonth instanceof CronDays.DaysOfMonth
                || dayOfMonth instanceof CronDays.LastDayOfMonth
                || dayOfMonth instanceof CronDays.LastWeekdayOfMonth
                || dayOfMonth instanceof CronDays.NearestWeekday)) {
            throw new InvalidScheduleExpressionException(
                    text, "day-of-month cannot hold a day-of-week form: " + dayOfMonth);
        }
        if (!(dayOfWeek instanceof CronDays.NoSpecificValue
                || dayOfWeek instanceof CronDays.DaysOfWeek
                || dayOfWeek instanceof CronDays.LastDayOfWeekInMonth
                || dayOfWeek instanceof CronDays.NthDayOfWeekInMonth)) {
            throw new InvalidScheduleExpressionException(
                    text, "day-of-week cannot hold a day-of-month form: " + dayOfWeek);
        }
    }

    /** Parses {@code cron(...)}; {@code text} is trimmed and starts with {@code cron(}. */
    static CronExpression parse(String text) {
        if (!text.endsWith(")")) {
            throw new InvalidScheduleExpressionException(text, "must end with ')': cron(" + FIELDS + ")");
        }
        String inner = text.substring("cron(".length(), text.length() - 1).trim();
        String[] fields = inner.isEmpty() ? new String[0] : inner.split("\\s+");
        if (fields.length != 6) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "has " + fields.length + " field" + (fields.length == 1 ? "" : "s") + ", needs 6: " + FIELDS
                            + " (AWS cron has a year and no seconds)");
        }
        CronFieldParser parser = new CronFieldParser(text);
        CronField minutes = parser.plain(CronFieldType.MINUTES, fields[0]);
        CronField hours = parser.plain(CronFieldType.HOURS, fields[1]);
        CronDays dayOfMonth = parser.dayOfMonth(fields[2]);
        CronField months = parser.plain(CronFieldType.MONTH, fields[3]);
        CronDays dayOfWeek = parser.dayOfWeek(fields[4]);
        CronField years = parser.plain(CronFieldType.YEAR, fields[5]);
        boolean domFree = dayOfMonth instanceof CronDays.NoSpecificValue;
        boolean dowFree = dayOfWeek instanceof CronDays.NoSpecificValue;
        if (!domFree && !dowFree) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "day-of-month field '" + fields[2] + "' and day-of-week field '" + fields[4]
                            + "' are both set; one of them must be '?' (AWS cron cannot restrict both)");
        }
        if (domFree && dowFree) {
            throw new InvalidScheduleExpressionException(
                    text,
                    "day-of-month and day-of-week fields are both '?'; only one of them may be, the other picks the days (* for every day)");
        }
        return new CronExpression(text, minutes, hours, dayOfMonth, months, dayOfWeek, years);
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after, Instant start, ZoneId zone) {
        if (!after.isBefore(BEYOND_LAST_YEAR)) {
            return Optional.empty();
        }
        Instant lowest = after.plusNanos(1);
        if (start.isAfter(lowest)) {
            lowest = start;
        }
        if (lowest.isBefore(BEFORE_FIRST_YEAR)) {
            lowest = BEFORE_FIRST_YEAR;
        }
        // Local times map to instants in increasing order once skipped times are dropped and repeated ones take
        // their first occurrence, so walk local candidates from a little before the bound's local time (a
        // repeated hour can put the first eligible local time up to the overlap's length before it) and keep
        // the first one whose instant is not below the bound.
        LocalDateTime cursor = LocalDateTime.ofInstant(lowest, zone).minusDays(1);
        while (true) {
            Optional<LocalDateTime> candidate = nextMatch(cursor);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime local = candidate.get();
            if (!zone.getRules().getValidOffsets(local).isEmpty()) {
                Instant fire = ZonedDateTime.ofLocal(local, zone, null).toInstant();
                if (!fire.isBefore(lowest)) {
                    return Optional.of(fire);
                }
            }
            cursor = local.plusMinutes(1);
        }
    }

    /** The expression itself: the expanded fields (every year 1970-2199) would drown a log line. */
    @Override
    public String toString() {
        return text;
    }

    /** The first local date-time at or after {@code from} (rounded up to a whole minute) that every field allows; empty after 2199. */
    Optional<LocalDateTime> nextMatch(LocalDateTime from) {
        LocalDateTime t = from.truncatedTo(ChronoUnit.MINUTES);
        if (t.isBefore(from)) {
            t = t.plusMinutes(1);
        }
        for (int year = years.nextOrSame(t.getYear()); year >= 0; year = years.nextOrSame(year + 1)) {
            boolean sameYear = year == t.getYear();
            for (int month = months.nextOrSame(sameYear ? t.getMonthValue() : 1);
                    month >= 0;
                    month = months.nextOrSame(month + 1)) {
                boolean sameMonth = sameYear && month == t.getMonthValue();
                LocalDate first = LocalDate.of(year, month, sameMonth ? t.getDayOfMonth() : 1);
                for (LocalDate date = first; date.getMonthValue() == month; date = date.plusDays(1)) {
                    if (!dayOfMonth.matches(date) || !dayOfWeek.matches(date)) {
                        continue;
                    }
                    LocalTime time = firstTime(date.equals(t.toLocalDate()) ? t.toLocalTime() : LocalTime.MIDNIGHT);
                    if (time != null) {
                        return Optional.of(date.atTime(time));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The first time of day at or after {@code from} (a whole minute) that the hours and minutes fields allow, or null. */
    private LocalTime firstTime(LocalTime from) {
        for (int hour = hours.nextOrSame(from.getHour()); hour >= 0; hour = hours.nextOrSame(hour + 1)) {
            int minute = minutes.nextOrSame(hour == from.getHour() ? from.getMinute() : 0);
            if (minute >= 0) {
                return LocalTime.of(hour, minute);
            }
        }
        return null;
    }
}
