package io.sluice.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a schedule fires locally: first occurrence, bounds, one-time schedules, and catching up after a stop. */
class ScheduleTimesTest {
    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:20.400Z");

    @Test
    void aRateCountsFromTheCreationSecondAndFiresAtOnce() {
        ScheduleTimes times = ScheduleTimes.of("rate(5 minutes)", "UTC", null, null, CREATED);

        Instant cursor = times.initialCursor(CREATED);

        assertEquals(Optional.of(Instant.parse("2026-11-28T10:00:20Z")), times.next(cursor));
        assertEquals(
                Optional.of(Instant.parse("2026-11-28T10:05:20Z")), times.next(Instant.parse("2026-11-28T10:00:20Z")));
    }

    @Test
    void aCronFiresFromTheSecondItWasDefinedOn() {
        ScheduleTimes times = ScheduleTimes.of("cron(0 10 * * ? *)", "UTC", null, null, CREATED);

        assertEquals(
                Optional.of(Instant.parse("2026-11-29T10:00:00Z")),
                times.next(times.initialCursor(CREATED)),
                "10:00 had passed when it was created at 10:00:20");
        Instant onTheSecond = Instant.parse("2026-11-28T10:00:00.900Z");
        ScheduleTimes justInTime = ScheduleTimes.of("cron(0 10 * * ? *)", "UTC", null, null, onTheSecond);
        assertEquals(
                Optional.of(Instant.parse("2026-11-28T10:00:00Z")),
                justInTime.next(justInTime.initialCursor(onTheSecond)),
                "created within the second of an occurrence, that occurrence counts");
    }

    @Test
    void aOneTimeScheduleAlreadyPastIsDueAtOnceAndOnlyOnce() {
        ScheduleTimes times = ScheduleTimes.of("at(2026-11-28T09:00:00)", "UTC", null, null, CREATED);

        Optional<ScheduleTimes.Due> due = times.due(times.initialCursor(CREATED), CREATED);

        assertEquals(Instant.parse("2026-11-28T09:00:00Z"), due.orElseThrow().scheduledTime());
        assertTrue(times.due(Instant.parse("2026-11-28T09:00:00Z"), CREATED.plusSeconds(3600))
                .isEmpty());
    }

    @Test
    void startAndEndDatesBoundRecurringSchedulesButNotOneTimeOnes() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Instant end = Instant.parse("2026-12-03T00:00:00Z");
        ScheduleTimes daily = ScheduleTimes.of("cron(0 12 * * ? *)", "UTC", start, end, CREATED);
        ScheduleTimes once = ScheduleTimes.of("at(2027-01-01T00:00:00)", "UTC", start, end, CREATED);

        assertEquals(Optional.of(Instant.parse("2026-12-01T12:00:00Z")), daily.next(daily.initialCursor(CREATED)));
        assertEquals(
                Optional.of(Instant.parse("2026-12-02T12:00:00Z")), daily.next(Instant.parse("2026-12-01T12:00:00Z")));
        assertTrue(
                daily.next(Instant.parse("2026-12-02T12:00:00Z")).isEmpty(), "the 3rd at noon is after the end date");
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), once.next(once.initialCursor(CREATED)));
    }

    @Test
    void aYearLongStopFoldsEveryMissedOccurrenceIntoTheLatest() {
        ScheduleTimes times = ScheduleTimes.of("rate(1 minute)", "UTC", null, null, CREATED);
        Instant lastFired = Instant.parse("2026-11-28T10:00:20Z");
        Instant now = lastFired.plus(Duration.ofDays(365)).plusSeconds(30);

        ScheduleTimes.Due due = times.due(lastFired, now).orElseThrow();

        assertEquals(lastFired.plus(Duration.ofDays(365)), due.scheduledTime());
        assertEquals(lastFired.plusSeconds(60), due.firstMissed());
        assertTrue(due.foldsMissed());
        assertFalse(
                times.due(lastFired, lastFired.plusSeconds(60)).orElseThrow().foldsMissed(), "on time: nothing folded");
    }
}
