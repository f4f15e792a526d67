package io.sluice.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron fire times across daylight-saving changes, as EventBridge Scheduler documents them: a local time
 * that a spring-forward change skips does not fire that day, and a local time that a fall-back change
 * repeats fires once. Transitions used (2026): New York 03-08 02:00 EST to 03:00 EDT and 11-01 02:00 EDT
 * to 01:00 EST; Berlin 03-29 02:00 CET to 03:00 CEST and 10-25 03:00 CEST to 02:00 CET; Sydney 04-05
 * 03:00 AEDT to 02:00 AEST and 10-04 02:00 AEST to 03:00 AEDT.
 */
class CronDaylightSavingTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    /** The fire times of {@code expression} in {@code zone} from the clock's instant (the schedule's creation) on. */
    private static List<Instant> fires(String expression, ZoneId zone, Clock clock, int count) {
        ScheduleExpression schedule = ScheduleExpression.parse(expression);
        Instant created = clock.instant();
        List<Instant> fires = new ArrayList<>();
        Instant after = created;
        for (int i = 0; i < count; i++) {
            after = schedule.nextFireAfter(after, created, zone).orElseThrow();
            fires.add(after);
        }
        return fires;
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void newYorkSpringForwardSkipsADailyTimeThatDoesNotExist() {
        // 02:30 on 03-08 does not exist: no firing that day, then 02:30 EDT.
        assertEquals(
                instants("2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"),
                fires("cron(30 2 * * ? *)", NEW_YORK, at("2026-03-07T00:00:00Z"), 3));
    }

    @Test
    void newYorkSpringForwardKeepsWallClockTimesThatExist() {
        // 09:00 local every day: 24 hours apart in UTC before, 23 across the change, 24 after.
        assertEquals(
                instants("2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z"),
                fires("cron(0 9 * * ? *)", NEW_YORK, at("2026-03-07T00:00:00Z"), 3));
    }

    @Test
    void newYorkSpringForwardSkipsTheMissingHourOfAFrequentSchedule() {
        // Every 30 minutes: 01:30 EST, then 03:00 EDT; 02:00 and 02:30 do not exist.
        assertEquals(
                instants(
                        "2026-03-08T06:00:00Z", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z"),
                fires("cron(0/30 * * * ? *)", NEW_YORK, at("2026-03-08T05:45:00Z"), 4));
    }

    @Test
    void newYorkFallBackFiresARepeatedTimeOnce() {
        // 01:30 happens twice on 11-01 (EDT, then EST): it fires at the first only, then 01:30 EST on 11-02.
        assertEquals(
                instants("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"),
                fires("cron(30 1 * * ? *)", NEW_YORK, at("2026-10-31T00:00:00Z"), 3));
    }

    @Test
    void newYorkFallBackDoesNotRepeatTheHourOfAFrequentSchedule() {
        // Every 30 minutes: 01:00 and 01:30 EDT, then 02:00 EST an hour and a half later; the EST repeat of 01:xx is
        // not fired.
        assertEquals(
                instants(
                        "2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:00:00Z", "2026-11-01T07:30:00Z"),
                fires("cron(0/30 * * * ? *)", NEW_YORK, at("2026-11-01T04:45:00Z"), 4));
    }

    @Test
    void askingFromInsideTheRepeatedHourGoesToTheNextLocalTime() {
        CronExpression cron = (CronExpression) ScheduleExpression.parse("cron(0/30 * * * ? *)");
        Instant in01_15Est = Instant.parse("2026-11-01T06:15:00Z");
        assertEquals(
                Instant.parse("2026-11-01T07:00:00Z"),
                cron.nextFireAfter(in01_15Est, Instant.EPOCH, NEW_YORK).orElseThrow());
    }

    @Test
    void berlinSpringForwardSkipsADailyTimeThatDoesNotExist() {
        assertEquals(
                instants("2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"),
                fires("cron(30 2 * * ? *)", BERLIN, at("2026-03-28T00:00:00Z"), 2));
    }

    @Test
    void berlinAutumnFiresARepeatedTimeOnce() {
        // 02:30 happens twice on 10-25 (CEST, then CET): first only.
        assertEquals(
                instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
                fires("cron(30 2 * * ? *)", BERLIN, at("2026-10-24T00:00:00Z"), 3));
    }

    @Test
    void berlinWeekdayMorningsFollowTheWallClock() {
        // 08:00 Monday to Friday around the autumn change (Sunday 10-25): 06:00Z on Friday, 07:00Z on Monday.
        assertEquals(
                instants("2026-10-23T06:00:00Z", "2026-10-26T07:00:00Z"),
                fires("cron(0 8 ? * MON-FRI *)", BERLIN, at("2026-10-23T00:00:00Z"), 2));
    }

    @Test
    void sydneyAutumnInAprilFiresARepeatedTimeOnce() {
        // 02:30 happens twice on 04-05 (AEDT, then AEST): first only.
        assertEquals(
                instants("2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"),
                fires("cron(30 2 * * ? *)", SYDNEY, at("2026-04-04T00:00:00Z"), 2));
    }

    @Test
    void sydneySpringInOctoberSkipsADailyTimeThatDoesNotExist() {
        assertEquals(
                instants("2026-10-02T16:30:00Z", "2026-10-04T15:30:00Z"),
                fires("cron(30 2 * * ? *)", SYDNEY, at("2026-10-02T00:00:00Z"), 2));
    }

    @Test
    void fieldsAreReadInTheZoneNotInUtc() {
        // Midnight on the 1st in Sydney is still the previous month in UTC.
        assertEquals(
                instants("2026-06-30T14:00:00Z"), fires("cron(0 0 1 * ? *)", SYDNEY, at("2026-06-15T00:00:00Z"), 1));
        // The year field too: the last firing of 2199 in New York is in 2200 in UTC, and there is none after it.
        CronExpression cron = (CronExpression) ScheduleExpression.parse("cron(0 23 31 12 ? *)");
        Instant last = Instant.parse("2200-01-01T04:00:00Z");
        assertEquals(
                last,
                cron.nextFireAfter(Instant.parse("2199-12-31T00:00:00Z"), Instant.EPOCH, NEW_YORK)
                        .orElseThrow());
        assertEquals(java.util.Optional.empty(), cron.nextFireAfter(last, Instant.EPOCH, NEW_YORK));
    }
}
