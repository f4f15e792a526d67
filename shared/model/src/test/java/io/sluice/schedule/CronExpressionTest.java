package io.sluice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every form of every cron field EventBridge documents, and the forms it refuses with the message each
 * gets. Fire times here are in UTC; {@link CronDaylightSavingTest} covers zones with daylight saving.
 */
class CronExpressionTest {

    private static CronExpression cron(String text) {
        return assertInstanceOf(CronExpression.class, ScheduleExpression.parse(text));
    }

    private static Instant next(String expression, String after) {
        Instant from = Instant.parse(after);
        return cron(expression).nextFireAfter(from, from, ZoneOffset.UTC).orElseThrow();
    }

    private static List<Integer> range(int from, int to, int step) {
        return IntStream.iterate(from, v -> v <= to, v -> v + step).boxed().toList();
    }

    @Test
    void keepsTheExpressionAsGivenWithoutSurroundingSpace() {
        CronExpression cron = cron("  cron(0 12  * * ? *)\t");
        assertEquals("cron(0 12  * * ? *)", cron.text());
        assertEquals("cron(0 12  * * ? *)", cron.toString());
    }

    @Test
    void minutesAndHoursTakeValuesListsRangesStepsAndAsterisk() {
        CronExpression cron = cron("cron(0,15,45 9-11 * * ? *)");
        assertEquals(List.of(0, 15, 45), cron.minutes().values());
        assertEquals(List.of(9, 10, 11), cron.hours().values());
        assertEquals(List.of(5, 25, 45), cron("cron(5/20 * * * ? *)").minutes().values());
        assertEquals(List.of(0, 20, 40), cron("cron(*/20 * * * ? *)").minutes().values());
        assertEquals(
                List.of(10, 20, 30), cron("cron(10-30/10 * * * ? *)").minutes().values());
        assertEquals(range(0, 59, 1), cron("cron(* * * * ? *)").minutes().values());
        assertEquals(range(0, 23, 1), cron("cron(* * * * ? *)").hours().values());
        assertEquals(
                List.of(0, 1, 2, 8, 16), cron("cron(0 0/8,1-2 * * ? *)").hours().values());
        assertEquals(List.of(0, 59), cron("cron(0/59 * * * ? *)").minutes().values());
        assertEquals(List.of(7), cron("cron(07 * * * ? *)").minutes().values());
    }

    @Test
    void monthTakesNumbersAndNamesInAnyCase() {
        assertEquals(List.of(1, 2, 3), cron("cron(0 0 1 JAN-MAR ? *)").months().values());
        assertEquals(List.of(1, 7), cron("cron(0 0 1 jan,Jul ? *)").months().values());
        assertEquals(List.of(1, 4, 7, 10), cron("cron(0 0 1 1/3 ? *)").months().values());
        assertEquals(
                List.of(2, 5, 8, 11), cron("cron(0 0 1 FEB/3 ? *)").months().values());
        assertEquals(range(1, 12, 1), cron("cron(0 0 1 * ? *)").months().values());
    }

    @Test
    void yearRunsFrom1970To2199() {
        assertEquals(List.of(2026), cron("cron(0 0 1 1 ? 2026)").years().values());
        assertEquals(
                List.of(2026, 2027, 2028),
                cron("cron(0 0 1 1 ? 2026-2028)").years().values());
        assertEquals(
                range(2026, 2199, 2), cron("cron(0 0 1 1 ? 2026/2)").years().values());
        assertEquals(range(1970, 2199, 1), cron("cron(0 0 1 1 ? *)").years().values());
        assertEquals(
                List.of(1970, 2199), cron("cron(0 0 1 1 ? 1970,2199)").years().values());
    }

    @Test
    void dayOfMonthTakesValuesListsRangesStepsAsteriskAndQuestionMark() {
        assertEquals(
                new CronDays.DaysOfMonth(new CronField(List.of(1, 15))),
                cron("cron(0 0 1,15 * ? *)").dayOfMonth());
        assertEquals(
                new CronDays.DaysOfMonth(new CronField(range(1, 7, 1))),
                cron("cron(0 0 1-7 * ? *)").dayOfMonth());
        assertEquals(
                new CronDays.DaysOfMonth(new CronField(List.of(1, 11, 21, 31))),
                cron("cron(0 0 */10 * ? *)").dayOfMonth());
        assertEquals(
                new CronDays.DaysOfMonth(new CronField(range(1, 31, 1))),
                cron("cron(0 0 * * ? *)").dayOfMonth());
        assertEquals(new CronDays.NoSpecificValue(), cron("cron(0 0 ? * MON *)").dayOfMonth());
    }

    @Test
    void dayOfWeekRunsFromSundayAsOneToSaturdayAsSeven() {
        assertEquals(
                new CronDays.DaysOfWeek(Set.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY)),
                cron("cron(0 0 ? * 1,7 *)").dayOfWeek());
        assertEquals(
                new CronDays.DaysOfWeek(Set.of(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY)),
                cron("cron(0 0 ? * MON-FRI *)").dayOfWeek());
        assertEquals(
                cron("cron(0 0 ? * 2-6 *)").dayOfWeek(),
                cron("cron(0 0 ? * mon-fri *)").dayOfWeek());
        assertEquals(
                new CronDays.DaysOfWeek(Set.of(DayOfWeek.values())),
                cron("cron(0 0 ? * * *)").dayOfWeek());
        assertEquals(new CronDays.NoSpecificValue(), cron("cron(0 0 1 * ? *)").dayOfWeek());
        // 2026-03-02 is a Monday: day 1 is the Sunday after it.
        assertEquals(Instant.parse("2026-03-08T00:00:00Z"), next("cron(0 0 ? * 1 *)", "2026-03-02T00:00:00Z"));
        assertEquals(Instant.parse("2026-03-06T00:00:00Z"), next("cron(0 0 ? * FRI *)", "2026-03-02T00:00:00Z"));
    }

    @Test
    void lInDayOfMonthIsTheLastDayOfTheMonth() {
        assertEquals(new CronDays.LastDayOfMonth(), cron("cron(0 0 L * ? *)").dayOfMonth());
        assertEquals(Instant.parse("2026-02-28T00:00:00Z"), next("cron(0 0 L * ? *)", "2026-02-01T00:00:00Z"));
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("cron(0 0 L * ? *)", "2028-02-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-04-30T00:00:00Z"), next("cron(0 0 L * ? *)", "2026-03-31T00:00:00Z"));
    }

    @Test
    void lwIsTheLastWeekdayOfTheMonth() {
        assertEquals(
                new CronDays.LastWeekdayOfMonth(), cron("cron(0 0 LW * ? *)").dayOfMonth());
        // 2026-05-31 is a Sunday and 2026-02-28 a Saturday: both months end on the Friday before.
        assertEquals(Instant.parse("2026-05-29T00:00:00Z"), next("cron(0 0 lw * ? *)", "2026-05-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-02-27T00:00:00Z"), next("cron(0 0 LW * ? *)", "2026-02-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-06-30T00:00:00Z"), next("cron(0 0 LW * ? *)", "2026-06-01T00:00:00Z"));
    }

    @Test
    void nWIsTheWeekdayNearestToDayNWithinTheMonth() {
        assertEquals(
                new CronDays.NearestWeekday(15), cron("cron(0 0 15W * ? *)").dayOfMonth());
        // 2026-08-15 is a Saturday: the Friday before. 2026-11-15 is a Sunday: the Monday after.
        assertEquals(Instant.parse("2026-08-14T00:00:00Z"), next("cron(0 0 15W * ? *)", "2026-08-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-11-16T00:00:00Z"), next("cron(0 0 15W * ? *)", "2026-11-01T00:00:00Z"));
        // 2026-08-01 is a Saturday: never the month before, so Monday the 3rd.
        assertEquals(Instant.parse("2026-08-03T00:00:00Z"), next("cron(0 0 1W * ? *)", "2026-07-31T00:00:00Z"));
        // 2026-05-31 is a Sunday: never the month after, so Friday the 29th.
        assertEquals(Instant.parse("2026-05-29T00:00:00Z"), next("cron(0 0 31W * ? *)", "2026-05-01T00:00:00Z"));
        // June has no 31st: 31W skips to July (2026-07-31 is a Friday).
        assertEquals(Instant.parse("2026-07-31T00:00:00Z"), next("cron(0 0 31W * ? *)", "2026-06-01T00:00:00Z"));
        // A weekday stays itself: 2026-03-16 is a Monday.
        assertEquals(Instant.parse("2026-03-16T00:00:00Z"), next("cron(0 0 16W * ? *)", "2026-03-01T00:00:00Z"));
    }

    @Test
    void lInDayOfWeekIsSaturdayAndNLIsTheLastSuchDayOfTheMonth() {
        assertEquals(
                new CronDays.DaysOfWeek(Set.of(DayOfWeek.SATURDAY)),
                cron("cron(0 0 ? * L *)").dayOfWeek());
        assertEquals(Instant.parse("2026-03-07T00:00:00Z"), next("cron(0 0 ? * L *)", "2026-03-01T00:00:00Z"));
        assertEquals(
                new CronDays.LastDayOfWeekInMonth(DayOfWeek.THURSDAY),
                cron("cron(0 0 ? * 5L *)").dayOfWeek());
        assertEquals(
                new CronDays.LastDayOfWeekInMonth(DayOfWeek.FRIDAY),
                cron("cron(0 0 ? * FRIL *)").dayOfWeek());
        // The last Thursday of March 2026 is the 26th, of April the 30th.
        assertEquals(Instant.parse("2026-03-26T10:00:00Z"), next("cron(0 10 ? * 5L *)", "2026-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-04-30T10:00:00Z"), next("cron(0 10 ? * 5L *)", "2026-03-26T10:00:00Z"));
    }

    @Test
    void hashIsTheNthSuchDayOfTheMonth() {
        assertEquals(
                new CronDays.NthDayOfWeekInMonth(DayOfWeek.TUESDAY, 2),
                cron("cron(0 0 ? * 3#2 *)").dayOfWeek());
        assertEquals(
                new CronDays.NthDayOfWeekInMonth(DayOfWeek.TUESDAY, 2),
                cron("cron(0 0 ? * TUE#2 *)").dayOfWeek());
        assertEquals(Instant.parse("2026-03-10T09:30:00Z"), next("cron(30 9 ? * 3#2 *)", "2026-03-01T00:00:00Z"));
        // A fifth Monday: March 2026 has one (the 30th), April and May do not, June does (the 29th).
        assertEquals(Instant.parse("2026-03-30T00:00:00Z"), next("cron(0 0 ? * 2#5 *)", "2026-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2026-06-29T00:00:00Z"), next("cron(0 0 ? * 2#5 *)", "2026-03-30T00:00:00Z"));
    }

    @Test
    void firesOnWholeMinutesStrictlyAfterTheGivenInstant() {
        assertEquals(Instant.parse("2026-03-01T10:15:00Z"), next("cron(0/15 * * * ? *)", "2026-03-01T10:00:00Z"));
        assertEquals(Instant.parse("2026-03-01T10:15:00Z"), next("cron(0/15 * * * ? *)", "2026-03-01T10:14:59.999Z"));
        assertEquals(Instant.parse("2026-03-01T10:01:00Z"), next("cron(* * * * ? *)", "2026-03-01T10:00:00.001Z"));
        assertEquals(Instant.parse("2026-03-02T08:00:00Z"), next("cron(0 8 * * ? *)", "2026-03-01T08:00:00Z"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("cron(0 0 1 1 ? *)", "2026-01-01T00:00:00Z"));
    }

    @Test
    void firesNoEarlierThanTheStart() {
        Instant after = Instant.parse("2026-03-01T10:00:00Z");
        Instant start = Instant.parse("2026-03-05T12:00:00Z");
        assertEquals(
                Instant.parse("2026-03-06T08:00:00Z"),
                cron("cron(0 8 * * ? *)")
                        .nextFireAfter(after, start, ZoneOffset.UTC)
                        .orElseThrow());
        assertEquals(
                start,
                cron("cron(0 12 * * ? *)")
                        .nextFireAfter(after, start, ZoneOffset.UTC)
                        .orElseThrow());
    }

    @Test
    void february29thFiresOnlyInLeapYears() {
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("cron(0 0 29 2 ? *)", "2026-03-01T00:00:00Z"));
        assertEquals(Instant.parse("2032-02-29T00:00:00Z"), next("cron(0 0 29 2 ? *)", "2028-02-29T00:00:00Z"));
        // 2100 is not a leap year.
        assertEquals(Instant.parse("2104-02-29T00:00:00Z"), next("cron(0 0 29 2 ? *)", "2096-03-01T00:00:00Z"));
    }

    @Test
    void nothingFiresAfter2199() {
        Instant lastMinute = Instant.parse("2199-12-31T23:59:00Z");
        assertEquals(lastMinute, next("cron(* * * * ? *)", "2199-12-31T23:58:30Z"));
        assertEquals(
                java.util.Optional.empty(),
                cron("cron(* * * * ? *)").nextFireAfter(lastMinute, lastMinute, ZoneOffset.UTC));
        assertEquals(
                java.util.Optional.empty(),
                cron("cron(0 0 1 1 ? 2030)")
                        .nextFireAfter(Instant.parse("2030-01-01T00:00:00Z"), Instant.EPOCH, ZoneOffset.UTC));
        assertEquals(
                java.util.Optional.empty(),
                cron("cron(0 0 30 2 ? *)").nextFireAfter(Instant.EPOCH, Instant.EPOCH, ZoneOffset.UTC));
        assertEquals(
                java.util.Optional.empty(),
                cron("cron(0 0 * * ? *)").nextFireAfter(Instant.MAX, Instant.EPOCH, ZoneOffset.UTC));
    }

    @Test
    void nothingFiresBefore1970() {
        assertEquals(
                Instant.parse("1970-01-01T00:00:00Z"),
                cron("cron(0 0 * * ? *)")
                        .nextFireAfter(Instant.MIN, Instant.MIN, ZoneOffset.UTC)
                        .orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cron(0 25 * * ? *)          | hours field '25' is out of range 0-23
            cron(60 * * * ? *)          | minutes field '60' is out of range 0-59
            cron(0,60 * * * ? *)        | minutes field '0,60': '60' is out of range 0-59
            cron(0 20-24 * * ? *)       | hours field '20-24': '24' is out of range 0-23
            cron(0 0 32 * ? *)          | day-of-month field '32' is out of range 1-31
            cron(0 0 0 * ? *)           | day-of-month field '0' is out of range 1-31
            cron(0 0 1 13 ? *)          | month field '13' is out of range 1-12 or JAN-DEC
            cron(0 0 1 JANUARY ? *)     | month field 'JANUARY' is not a value 1-12 or JAN-DEC
            cron(0 0 ? * 8 *)           | day-of-week field '8' is out of range 1-7 or SUN-SAT
            cron(0 0 ? * 0 *)           | day-of-week field '0' is out of range 1-7 or SUN-SAT
            cron(0 0 ? * MOM *)         | day-of-week field 'MOM' is not a value 1-7 or SUN-SAT
            cron(0 0 1 1 ? 1969)        | year field '1969' is out of range 1970-2199
            cron(0 0 1 1 ? 2200)        | year field '2200' is out of range 1970-2199
            cron(0 0 1 1 ? 2026-2300)   | year field '2026-2300': '2300' is out of range 1970-2199
            cron(0/0 * * * ? *)         | minutes field '0/0' has step 0, which must be 1-59
            cron(0/60 * * * ? *)        | minutes field '0/60' has step 60, which must be 1-59
            cron(0 */24 * * ? *)        | hours field '*/24' has step 24, which must be 1-23
            cron(0/x * * * ? *)         | minutes field '0/x' has step 'x', which must be a whole number 1-59
            cron(/5 * * * ? *)          | minutes field '/5' has no start before '/'; write */5 or n/5
            cron(0 18-8 * * ? *)        | hours field '18-8' is a reversed range: its start is after its end
            cron(0 0 ? * FRI-MON *)     | day-of-week field 'FRI-MON' is a reversed range: its start is after its end
            cron(1,,2 * * * ? *)        | minutes field '1,,2' has an empty item in its list
            cron(5- * * * ? *)          | minutes field '5-' is an incomplete range; write start-end, such as 0-1
            cron(? 0 * * ? *)           | minutes field '?' is not allowed: only day-of-month and day-of-week take '?'
            cron(L 0 * * ? *)           | minutes field 'L' is not allowed here (minutes allows 0-59 with , - * /)
            cron(0 0 ? * MON/2 *)       | day-of-week field 'MON/2' has a step; day-of-week takes no '/' (allowed: , - * ? L #)
            cron(0 0 L-2 * ? *)         | day-of-month field 'L-2' is not a day-of-month form
            cron(0 0 1W,15 * ? *)       | day-of-month field '1W,15' is not a day-of-month form
            cron(0 0 W * ? *)           | day-of-month field 'W' is not a day-of-month form
            cron(0 0 32W * ? *)         | day-of-month field '32W': '32' is out of range 1-31
            cron(0 0 1,? * MON *)       | day-of-month field '1,?' uses '?' in a list, range or step; '?' stands alone
            cron(0 0 ? * 3#1,6#3 *)     | day-of-week field '3#1,6#3' is not a '#' form: n#k stands alone, one of them only
            cron(0 0 ? * 3#6 *)         | day-of-week field '3#6' asks for week 6 of the month; the number after '#' must be 1-5
            cron(0 0 ? * 3#0 *)         | day-of-week field '3#0' asks for week 0 of the month; the number after '#' must be 1-5
            cron(0 0 ? * 9#1 *)         | day-of-week field '9#1': '9' is out of range 1-7 or SUN-SAT
            cron(0 0 ? * 9L *)          | day-of-week field '9L': '9' is out of range 1-7 or SUN-SAT
            cron(0 0 ? * 2L,6 *)        | day-of-week field '2L,6' is not an 'L' form
            cron(0 0 * * MON *)         | day-of-month field '*' and day-of-week field 'MON' are both set; one of them must be '?' (AWS cron cannot restrict both)
            cron(0 0 1 * * *)           | day-of-month field '1' and day-of-week field '*' are both set; one of them must be '?'
            cron(0 0 ? * ? *)           | day-of-month and day-of-week fields are both '?'; only one of them may be
            cron(0 0 * * ?)             | has 5 fields, needs 6: minutes hours day-of-month month day-of-week year (AWS cron has a year and no seconds)
            cron(0 0 0 * * ? *)         | has 7 fields, needs 6
            cron()                      | has 0 fields, needs 6
            cron(0 0 * * ? *            | must end with ')': cron(minutes hours day-of-month month day-of-week year)
            """)
    void refusesWhatEventBridgeRefusesNamingTheField(String expression, String problem) {
        InvalidScheduleExpressionException e =
                assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(expression));
        assertEquals(expression, e.expression());
        if (!e.problem().startsWith(problem)) {
            assertEquals(problem, e.problem());
        }
        assertEquals(expression + ": " + e.problem(), e.getMessage());
    }

    @Test
    void theExampleMessageReadsInFull() {
        assertEquals(
                "cron(0 25 * * ? *): hours field '25' is out of range 0-23",
                assertThrows(
                                InvalidScheduleExpressionException.class,
                                () -> ScheduleExpression.parse("cron(0 25 * * ? *)"))
                        .getMessage());
    }
}
