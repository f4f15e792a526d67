package io.sluice.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which days of a month one of the two day fields of an AWS cron expression lets a schedule fire on. AWS
 * does not combine the two fields the way Unix cron does (either matching): one of them is always
 * {@code ?}, {@link NoSpecificValue}, and the other alone picks the days. The special forms are those of
 * the cron expressions reference: {@code L}, {@code LW} and {@code nW} in day-of-month, {@code L},
 * {@code nL} and {@code n#k} in day-of-week.
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html">Cron expressions reference</a>
 */
public sealed interface CronDays {

    /** Whether a schedule may fire on {@code date} as far as this field is concerned. */
    boolean matches(LocalDate date);

    /** {@code ?}: this field sets nothing; the other day field decides. */
    record NoSpecificValue() implements CronDays {
        @Override
        public boolean matches(LocalDate date) {
            return true;
        }
    }

    /** Day-of-month values such as {@code 1,15} or {@code 1-7} or {@code *}; a day a month lacks (31 in April) never matches. */
    record DaysOfMonth(CronField days) implements CronDays {
        public DaysOfMonth {
            Objects.requireNonNull(days, "days");
        }

        @Override
        public boolean matches(LocalDate date) {
            return days.allows(date.getDayOfMonth());
        }
    }

    /** {@code L} in day-of-month: the last day of the month. */
    record LastDayOfMonth() implements CronDays {
        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == date.lengthOfMonth();
        }
    }

    /** {@code LW}: the last weekday (Monday to Friday) of the month. */
    record LastWeekdayOfMonth() implements CronDays {
        @Override
        public boolean matches(LocalDate date) {
            LocalDate last = date.with(TemporalAdjusters.lastDayOfMonth());
            while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
                last = last.minusDays(1);
            }
            return date.equals(last);
        }
    }

    /**
     * {@code nW}: the weekday nearest to day {@code n}, within the same month. A Saturday moves to the Friday
     * before, unless that is in the month before (the 1st moves to Monday the 3rd); a Sunday moves to the
     * Monday after, unless that is in the next month (the last day moves to the Friday before). A month
     * without day {@code n} has no match.
     */
    record NearestWeekday(int day) implements CronDays {
        public NearestWeekday {
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException("nearest-weekday day must be 1-31, was " + day);
            }
        }

        @Override
        public boolean matches(LocalDate date) {
            int length = date.lengthOfMonth();
            if (day > length) {
                return false;
            }
            LocalDate target = date.withDayOfMonth(day);
            if (target.getDayOfWeek() == DayOfWeek.SATURDAY) {
                target = day == 1 ? target.plusDays(2) : target.minusDays(1);
            } else if (target.getDayOfWeek() == DayOfWeek.SUNDAY) {
                target = day == length ? target.minusDays(2) : target.plusDays(1);
            }
            return date.equals(target);
        }
    }

    /** Day-of-week values such as {@code MON-FRI} or {@code 1,7} (1 is Sunday) or {@code *}, or {@code L} alone (Saturday, the last day of the week). */
    record DaysOfWeek(Set<DayOfWeek> days) implements CronDays {
        public DaysOfWeek {
            days = Set.copyOf(Objects.requireNonNull(days, "days"));
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a day-of-week field allows at least one day");
            }
        }

        @Override
        public boolean matches(LocalDate date) {
            return days.contains(date.getDayOfWeek());
        }
    }

    /** {@code nL} in day-of-week, such as {@code 5L}: the last such day of the month (the last Thursday). */
    record LastDayOfWeekInMonth(DayOfWeek day) implements CronDays {
        public LastDayOfWeekInMonth {
            Objects.requireNonNull(day, "day");
        }

        @Override
        public boolean matches(LocalDate date) {
            return date.equals(date.with(TemporalAdjusters.lastInMonth(day)));
        }
    }

    /** {@code n#k} in day-of-week, such as {@code 3#2}: the k-th such day of the month (the second Tuesday); a month without a fifth one has no match. */
    record NthDayOfWeekInMonth(DayOfWeek day, int week) implements CronDays {
        public NthDayOfWeekInMonth {
            Objects.requireNonNull(day, "day");
            if (week < 1 || week > 5) {
                throw new IllegalArgumentException("week of the month must be 1-5, was " + week);
            }
        }

        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == week;
        }
    }

    /** AWS numbers days of the week 1 (SUN) to 7 (SAT). */
    static DayOfWeek dayOfWeek(int awsNumber) {
        return List.of(
                        DayOfWeek.SUNDAY,
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY,
                        DayOfWeek.SATURDAY)
                .get(awsNumber - 1);
    }
}
