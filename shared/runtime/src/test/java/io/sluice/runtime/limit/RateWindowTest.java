package io.sluice.runtime.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:42.250Z");

    @Test
    void windowsAreCalendarMinutesHoursAndDaysInUtc() {
        assertEquals(Instant.parse("2026-11-23T10:15:00Z"), RateWindow.MINUTE.start(NOW));
        assertEquals(Instant.parse("2026-11-23T10:16:00Z"), RateWindow.MINUTE.end(NOW));
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), RateWindow.HOUR.start(NOW));
        assertEquals(Instant.parse("2026-11-23T11:00:00Z"), RateWindow.HOUR.end(NOW));
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), RateWindow.DAY.start(NOW));
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), RateWindow.DAY.end(NOW));
    }

    @Test
    void aWindowIncludesItsStartAndEndsBeforeTheNextOne() {
        Instant boundary = Instant.parse("2026-11-23T11:00:00Z");
        assertEquals(boundary, RateWindow.HOUR.start(boundary));
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), RateWindow.HOUR.end(boundary));
        assertEquals(boundary, RateWindow.HOUR.end(boundary.minusNanos(1)));
    }

    @Test
    void labelsWindowStartsForItemKeys() {
        assertEquals("2026-11-23T10:15", RateWindow.MINUTE.startLabel(NOW));
        assertEquals("2026-11-23T10", RateWindow.HOUR.startLabel(NOW));
        assertEquals("2026-11-23", RateWindow.DAY.startLabel(NOW));
        assertEquals("2026-12-31T23", RateWindow.HOUR.startLabel(Instant.parse("2026-12-31T23:59:59.999Z")));
    }

    @Test
    void itemKeysNameTypeBudgetWindowAndStart() {
        assertEquals("tweet#dao-1#hour#2026-11-23T10", RateWindow.HOUR.itemKey("tweet", "dao-1", "2026-11-23T10"));
        assertEquals("tweet##minute#2026-11-23T10:15", RateWindow.MINUTE.itemKey("tweet", "", "2026-11-23T10:15"));
        assertEquals("tweet#dao-1#interval", RateWindow.intervalKey("tweet", "dao-1"));
    }
}
