package io.sluice.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.testing.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/**
 * With a data directory, the scheduler's groups, schedules and firing progress live in one JSON file that a
 * restarted scheduler reads back; without one, nothing outlives the process.
 */
class SchedulerPersistenceTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final SchedulerAccount ACCOUNT = new SchedulerAccount("us-east-1", "000000000000");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final TargetSender recorder = (queue, body, group, attributes) -> {
        sent.add(queue.name() + " " + body);
        return "m-" + sent.size();
    };

    @Test
    void schedulesGroupsAndFiringProgressSurviveARestart(@TempDir Path directory) throws IOException {
        SettableClock clock = new SettableClock(T0);
        GetScheduleResponse before;
        try (SchedulerEmulator first = start(JournalScheduleStore.inDirectory(directory), clock);
                SchedulerClient scheduler = SchedulerClients.at(first.endpoint())) {
            scheduler.createScheduleGroup(r -> r.name("sluice"));
            scheduler.createSchedule(r -> r.name("hourly")
                    .groupName("sluice")
                    .scheduleExpression("rate(1 hour)")
                    .scheduleExpressionTimezone("Europe/Berlin")
                    .description("kept")
                    .actionAfterCompletion(ActionAfterCompletion.NONE)
                    .flexibleTimeWindow(
                            w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE).maximumWindowInMinutes(5))
                    .target(t -> t.arn("arn:aws:sqs:us-east-1:000000000000:reports")
                            .roleArn(CatalogueSchedules.ROLE_ARN)
                            .input("<aws.scheduler.scheduled-time>")
                            .deadLetterConfig(d -> d.arn("arn:aws:sqs:us-east-1:000000000000:dlq"))));
            before = scheduler.getSchedule(r -> r.name("hourly").groupName("sluice"));
            assertEquals(1, first.dispatcher().fireDue(T0).size());
        }
        clock.advance(Duration.ofMinutes(10));

        try (SchedulerEmulator second = start(JournalScheduleStore.inDirectory(directory), clock);
                SchedulerClient scheduler = SchedulerClients.at(second.endpoint())) {
            GetScheduleResponse after =
                    scheduler.getSchedule(r -> r.name("hourly").groupName("sluice"));
            assertTrue(
                    before.equalsBySdkFields(after),
                    "every field, dates included, as it was:\n" + before + "\n" + after);
            assertTrue(
                    second.dispatcher().fireDue(T0.plus(Duration.ofMinutes(59))).isEmpty(),
                    "the first hour already fired");
            assertEquals(
                    1, second.dispatcher().fireDue(T0.plus(Duration.ofHours(1))).size());
        }
        assertEquals(List.of("reports 2026-11-28T10:00:00Z", "reports 2026-11-28T11:00:00Z"), sent);
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(
                    List.of(JournalScheduleStore.JOURNAL_NAME, JournalScheduleStore.SNAPSHOT_NAME),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "compacted at close, the snapshot replaced by a move; no temporary files are left behind");
        }
    }

    @Test
    void withoutADataDirectoryARestartStartsEmpty() {
        try (SchedulerEmulator first = start(ScheduleStore.inMemory(), new SettableClock(T0));
                SchedulerClient scheduler = SchedulerClients.at(first.endpoint())) {
            scheduler.createScheduleGroup(r -> r.name("sluice"));
        }
        try (SchedulerEmulator second = start(ScheduleStore.inMemory(), new SettableClock(T0))) {
            assertEquals(
                    List.of("default"),
                    second.registry().groups(null, null, null).items().stream()
                            .map(ScheduleGroup::name)
                            .toList());
        }
    }

    @Test
    void anUnreadableFileStopsStartNamingTheFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve(JournalScheduleStore.SNAPSHOT_NAME);
        Files.writeString(file, "{ not json");

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> start(JournalScheduleStore.inDirectory(directory), new SettableClock(T0))
                        .close());

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("away to start with no schedules"), e.getMessage());
    }

    @Test
    void changesAcknowledgedBeforeACrashAreReplayedFromTheJournalAndATornLastLineIsSkipped(@TempDir Path directory)
            throws IOException {
        SettableClock clock = new SettableClock(T0);
        // Never closed: the process "dies" with every change in the journal and nothing compacted.
        SchedulerEmulator crashed = start(JournalScheduleStore.inDirectory(directory), clock);
        try (SchedulerClient scheduler = SchedulerClients.at(crashed.endpoint())) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                scheduler.createSchedule(r -> r.name("once-" + n)
                        .scheduleExpression("at(2026-11-28T12:00:00)")
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                        .target(t -> t.arn("arn:aws:sqs:us-east-1:000000000000:reports")
                                .roleArn(CatalogueSchedules.ROLE_ARN)));
            }
            scheduler.deleteSchedule(r -> r.name("once-1"));
        }
        Files.writeString(
                directory.resolve(JournalScheduleStore.JOURNAL_NAME),
                "{\"op\":\"put-sched",
                java.nio.file.StandardOpenOption.APPEND);

        try (SchedulerEmulator second = start(JournalScheduleStore.inDirectory(directory), clock)) {
            assertEquals(
                    List.of("once-0", "once-2"),
                    second.registry().list(null, null, null, null, null).items().stream()
                            .map(Schedule::name)
                            .toList());
        }
    }

    private SchedulerEmulator start(ScheduleStore store, SettableClock clock) {
        return SchedulerEmulator.start("127.0.0.1", 0, ACCOUNT, store, recorder, clock);
    }
}
