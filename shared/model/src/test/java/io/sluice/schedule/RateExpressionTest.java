package io.sluice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateExpressionTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:30Z"), ZoneOffset.UTC);

    @Test
    void readsTheValueAndUnitInSingularAndPlural() {
        assertEquals(new RateExpression(1, ChronoUnit.MINUTES), ScheduleExpression.parse("rate(1 minute)"));
        assertEquals(new RateExpression(5, ChronoUnit.MINUTES), ScheduleExpression.parse("rate(5 minutes)"));
        assertEquals(new RateExpression(1, ChronoUnit.HOURS), ScheduleExpression.parse("rate(1 hour)"));
        assertEquals(new RateExpression(12, ChronoUnit.HOURS), ScheduleExpression.parse(" rate(12 hours) "));
        assertEquals(new RateExpression(1, ChronoUnit.DAYS), ScheduleExpression.parse("rate(1 day)"));
        assertEquals(new RateExpression(7, ChronoUnit.DAYS), ScheduleExpression.parse("rate(7 days)"));
        assertEquals(Duration.ofHours(12), new RateExpression(12, ChronoUnit.HOURS).interval());
        assertEquals("rate(1 minute)", new RateExpression(1, ChronoUnit.MINUTES).text());
        assertEquals(
                "rate(12 hours)", ScheduleExpression.parse("rate(12 hours)").text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rate(1 minutes)     | unit 'minutes' must be singular when the value is 1: rate(1 minute)
            rate(1 days)        | unit 'days' must be singular when the value is 1: rate(1 day)
            rate(5 minute)      | unit 'minute' must be plural when the value is more than 1: rate(5 minutes)
            rate(2 hour)        | unit 'hour' must be plural when the value is more than 1: rate(2 hours)
            rate(0 minutes)     | value '0' must be a whole number of at least 1
            rate(-5 minutes)    | value '-5' must be a whole number of at least 1
            rate(1.5 hours)     | value '1.5' must be a whole number of at least 1
            rate(five minutes)  | value 'five' must be a whole number of at least 1
            rate(5 weeks)       | unit 'weeks' must be one of minute, minutes, hour, hours, day, days
            rate(5 Minutes)     | unit 'Minutes' must be one of minute, minutes, hour, hours, day, days
            rate(5 seconds)     | unit 'seconds' must be one of minute, minutes, hour, hours, day, days
            rate(5minutes)      | must be rate(value unit), one space between a whole number and minute(s), hour(s) or day(s), such as rate(5 minutes)
            rate(5  minutes)    | must be rate(value unit), one space between
            rate(5)             | must be rate(value unit)
            rate(5 minutes      | must be rate(value unit)
            rate(99999999999999999999 minutes) | value '99999999999999999999' is too large
            rate(9223372036854775807 days) | value 9223372036854775807 is too large
            """)
    void refusesWhatSchedulerRefuses(String expression, String problem) {
        InvalidScheduleExpressionException e =
                assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(expression));
        if (!e.problem().startsWith(problem)) {
            assertEquals(problem, e.problem());
        }
        assertEquals(expression + ": " + e.problem(), e.getMessage());
    }

    @Test
    void firesAtTheStartThenEveryIntervalAnchoredOnIt() {
        RateExpression rate = new RateExpression(5, ChronoUnit.MINUTES);
        Instant start = clock.instant();
        assertEquals(Optional.of(start), rate.nextFireAfter(start.minusSeconds(3600), start, ZoneOffset.UTC));
        assertEquals(Optional.of(start), rate.nextFireAfter(start.minusNanos(1), start, ZoneOffset.UTC));
        assertEquals(
                Optional.of(Instant.parse("2026-03-01T10:05:30Z")), rate.nextFireAfter(start, start, ZoneOffset.UTC));
        assertEquals(
                Optional.of(Instant.parse("2026-03-01T10:10:30Z")),
                rate.nextFireAfter(Instant.parse("2026-03-01T10:07:00Z"), start, ZoneOffset.UTC));
        assertEquals(
                Optional.of(Instant.parse("2026-03-01T10:10:30Z")),
                rate.nextFireAfter(Instant.parse("2026-03-01T10:10:29.999Z"), start, ZoneOffset.UTC));
        assertEquals(
                Optional.of(Instant.parse("2026-03-01T10:15:30Z")),
                rate.nextFireAfter(Instant.parse("2026-03-01T10:10:30Z"), start, ZoneOffset.UTC));
    }

    @Test
    void aDayIs24HoursAcrossADaylightSavingChange() {
        // 09:00 EST on 03-07; the next firing is 24 hours later, 10:00 EDT, whatever the zone.
        RateExpression daily = new RateExpression(1, ChronoUnit.DAYS);
        Instant start = Instant.parse("2026-03-07T14:00:00Z");
        Instant next =
                daily.nextFireAfter(start, start, ZoneId.of("America/New_York")).orElseThrow();
        assertEquals(Instant.parse("2026-03-08T14:00:00Z"), next);
        assertEquals(next, daily.nextFireAfter(start, start, ZoneOffset.UTC).orElseThrow());
    }

    @Test
    void neverFiresPastTheLastInstant() {
        RateExpression rate = new RateExpression(7, ChronoUnit.DAYS);
        assertEquals(Optional.empty(), rate.nextFireAfter(Instant.MAX.minusSeconds(60), Instant.EPOCH, ZoneOffset.UTC));
    }

    @Test
    void theRecordRefusesWhatTheExpressionCannotSay() {
        assertEquals(
                "rate(0 minutes): value 0 must be a whole number of at least 1",
                assertThrows(InvalidScheduleExpressionException.class, () -> new RateExpression(0, ChronoUnit.MINUTES))
                        .getMessage());
        assertEquals(
                "rate(5 seconds): unit must be minutes, hours or days, was Seconds",
                assertThrows(InvalidScheduleExpressionException.class, () -> new RateExpression(5, ChronoUnit.SECONDS))
                        .getMessage());
    }
}
