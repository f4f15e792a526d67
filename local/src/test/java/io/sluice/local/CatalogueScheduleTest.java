package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.job.Priority;
import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.local.scheduler.CatalogueSchedules;
import io.sluice.local.scheduler.JournalScheduleStore;
import io.sluice.local.scheduler.Schedule;
import io.sluice.local.testjobs.JobLedger;
import io.sluice.local.testjobs.ScheduledTickJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job type's {@code @Job(schedule = "rate(1 minute)")} becomes a schedule in sluice-local's scheduler at
 * start, and fires the type again and again: each firing a job whose id is the schedule name and the
 * scheduled time. Time is stepped by calling the firing step with later instants, never by waiting a minute.
 */
class CatalogueScheduleTest {

    @Test
    void aCatalogueRateScheduleFiresItsJobRepeatedly() {
        try (LocalHarness local = LocalHarness.start(List.of("tick-scheduled"), Map.of())) {
            SchedulerEmulator scheduler = local.runtime.scheduler();
            Schedule schedule = scheduler.registry().get("sluice", "sluice-tick-scheduled");
            assertEquals("rate(1 minute)", schedule.definition().expression());
            assertEquals("UTC", schedule.definition().timezone());
            assertEquals(
                    local.runtime.queueArn("tick-scheduled", Priority.NORMAL),
                    schedule.definition().target().arn());
            assertEquals(
                    ScheduledEnvelope.forCatalogue("sluice", Catalogue.load().require("tick-scheduled")),
                    schedule.definition().target().input());

            // The firing loop runs on the real clock too and may fire the first occurrence itself; each fires once
            // either way.
            Instant first = schedule.creationDate().truncatedTo(ChronoUnit.SECONDS);
            for (int minute = 0; minute < 3; minute++) {
                scheduler.dispatcher().fireDue(first.plus(Duration.ofMinutes(minute)));
            }

            List<String> expected = List.of(
                    "sluice-tick-scheduled:" + first + " tick",
                    "sluice-tick-scheduled:" + first.plus(Duration.ofMinutes(1)) + " tick",
                    "sluice-tick-scheduled:" + first.plus(Duration.ofMinutes(2)) + " tick");
            LocalHarness.await(
                    () -> JobLedger.events(ScheduledTickJob.STREAM).containsAll(expected),
                    Duration.ofSeconds(60),
                    () -> "runs so far: " + JobLedger.events(ScheduledTickJob.STREAM));
            assertEquals(
                    expected,
                    JobLedger.events(ScheduledTickJob.STREAM).stream()
                            .filter(expected::contains)
                            .sorted()
                            .toList(),
                    "each firing ran once");
        }
    }

    @Test
    void withADataDirectorySchedulesAndTheirProgressSurviveARestart(@TempDir Path dataDirectory) {
        LocalOptions options = LocalOptions.builder()
                .ports(LocalHarness.freePort(), LocalHarness.freePort())
                .schedulerPort(0)
                .types(List.of("tick-scheduled"))
                .dataDirectory(dataDirectory.toString())
                .build();
        Schedule before;
        Instant fired;
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            before = runtime.scheduler().registry().get("sluice", "sluice-tick-scheduled");
            fired = before.creationDate().plus(Duration.ofMinutes(5));
            assertEquals(1, runtime.scheduler().dispatcher().fireDue(fired).size());
        }
        assertTrue(Files.exists(dataDirectory.resolve(JournalScheduleStore.SNAPSHOT_NAME)));

        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            Schedule after = runtime.scheduler().registry().get("sluice", "sluice-tick-scheduled");
            assertEquals(
                    before.creationDate(),
                    after.creationDate(),
                    "an unchanged catalogue schedule is kept, not recreated");
            assertEquals(before.definition(), after.definition());
            assertTrue(
                    runtime.scheduler().dispatcher().fireDue(fired).isEmpty(),
                    "the occurrence fired before the restart does not fire again");
            assertEquals(
                    1,
                    runtime.scheduler()
                            .dispatcher()
                            .fireDue(fired.plus(Duration.ofMinutes(1)))
                            .size());
            assertEquals(
                    CatalogueSchedules.ROLE_ARN, after.definition().target().roleArn());
        }
    }
}
