package io.sluice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AtExpressionTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsALocalDateTimeWithoutZone() {
        AtExpression at = (AtExpression) ScheduleExpression.parse(" at(2026-12-01T10:00:00) ");
        assertEquals(LocalDateTime.of(2026, 12, 1, 10, 0, 0), at.at());
        assertEquals("at(2026-12-01T10:00:00)", at.text());
        assertEquals(
                "at(2026-12-01T10:00:05)",
                new AtExpression(LocalDateTime.of(2026, 12, 1, 10, 0, 5, 700_000_000)).text());
    }

    @Test
    void firesOnceAtItsLocalTimeInTheZone() {
        AtExpression at = (AtExpression) ScheduleExpression.parse("at(2026-12-01T10:00:00)");
        Instant now = clock.instant();
        assertEquals(Optional.of(Instant.parse("2026-12-01T10:00:00Z")), at.nextFireAfter(now, now, ZoneOffset.UTC));
        assertEquals(
                Optional.of(Instant.parse("2026-12-01T09:00:00Z")),
                at.nextFireAfter(now, now, ZoneId.of("Europe/Berlin")));
        assertEquals(Optional.empty(), at.nextFireAfter(Instant.parse("2026-12-01T10:00:00Z"), now, ZoneOffset.UTC));
        // A start after the time does not stop it: Scheduler ignores StartDate for one-time schedules.
        assertEquals(
                Optional.of(Instant.parse("2026-12-01T10:00:00Z")),
                at.nextFireAfter(now, Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aTimeSkippedBySpringForwardMovesOnByTheGapAndARepeatedTimeTakesTheFirst() {
        Instant now = clock.instant().minusSeconds(365L * 24 * 3600);
        assertEquals(
                Optional.of(Instant.parse("2026-03-08T07:30:00Z")),
                ScheduleExpression.parse("at(2026-03-08T02:30:00)").nextFireAfter(now, now, NEW_YORK));
        assertEquals(
                Optional.of(Instant.parse("2026-11-01T05:30:00Z")),
                ScheduleExpression.parse("at(2026-11-01T01:30:00)").nextFireAfter(now, now, NEW_YORK));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            at(2026-12-01 10:00:00)   | date-time '2026-12-01 10:00:00' must be yyyy-mm-ddThh:mm:ss with no zone or fraction, such as 2026-12-01T10:00:00
            at(2026-12-01T10:00)      | date-time '2026-12-01T10:00' must be yyyy-mm-ddThh:mm:ss
            at(2026-12-01T10:00:00Z)  | date-time '2026-12-01T10:00:00Z' must be yyyy-mm-ddThh:mm:ss
            at(2026-12-01T10:00:00.5) | date-time '2026-12-01T10:00:00.5' must be yyyy-mm-ddThh:mm:ss
            at(2026-02-30T10:00:00)   | date-time '2026-02-30T10:00:00' is not a real date and time (Invalid date 'FEBRUARY 30')
            at(2026-12-01T24:00:00)   | date-time '2026-12-01T24:00:00' is not a real date and time
            at(2026-13-01T10:00:00)   | date-time '2026-13-01T10:00:00' is not a real date and time
            at(2026-12-01T10:00:00    | must end with ')': at(yyyy-mm-ddThh:mm:ss)
            """)
    void refusesAnythingButTheExactForm(String expression, String problem) {
        InvalidScheduleExpressionException e =
                assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(expression));
        if (!e.problem().startsWith(problem)) {
            assertEquals(problem, e.problem());
        }
    }
}
