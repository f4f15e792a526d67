package io.sluice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    @Test
    void picksTheFormByItsPrefix() {
        assertInstanceOf(AtExpression.class, ScheduleExpression.parse("at(2026-12-01T10:00:00)"));
        assertInstanceOf(RateExpression.class, ScheduleExpression.parse("rate(5 minutes)"));
        assertInstanceOf(CronExpression.class, ScheduleExpression.parse("cron(0 12 * * ? *)"));
    }

    @Test
    void refusesAnythingElseListingTheThreeForms() {
        InvalidScheduleExpressionException e = assertThrows(
                InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse("every 5 minutes"));
        assertEquals(
                "every 5 minutes: is not a schedule expression; use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or"
                        + " cron(minutes hours day-of-month month day-of-week year)",
                e.getMessage());
        assertEquals("every 5 minutes", e.expression());
        // Unix cron and upper-case keywords are not Scheduler expressions.
        assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse("*/5 * * * *"));
        assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse("CRON(0 12 * * ? *)"));
        assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse("cron (0 12 * * ? *)"));
    }

    @Test
    void refusesNothingAtAll() {
        InvalidScheduleExpressionException e =
                assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse("  "));
        assertNull(e.expression());
        assertEquals(
                "schedule expression is empty; use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or"
                        + " cron(minutes hours day-of-month month day-of-week year)",
                e.getMessage());
        assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(null));
    }
}
