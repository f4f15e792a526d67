package io.sluice.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.testing.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;

/**
 * 1,000 one-time schedules created from 8 threads through the AWS SDK client, all due at once, and a {@code rate(1
 * minute)} schedule due in the middle of their backlog, fired by the running workers from the due index against a
 * journal store: every one-time schedule fires exactly once and is deleted after (ActionAfterCompletion DELETE), the
 * recurring one fires too, and after the stop the data directory holds the snapshot and the journal, no temporary
 * file. The clock is the test's: the workers read it at least once a tick, so nothing here sleeps on real time.
 * The figures at 10,000 come from {@code sluice-local bench scheduler}.
 */
class SchedulerScaleTest {
    private static final SchedulerAccount ACCOUNT = new SchedulerAccount("us-east-1", "000000000000");
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:reports";
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\",\"at\":\"([^\"]+)\"");
    private static final int COUNT = 1_000;

    private final ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
    private final TargetSender recorder = (queue, body, group, attributes) -> {
        Matcher m = ID.matcher(body);
        fired.add(m.find() ? m.group(1) + "@" + m.group(2) : body);
        return "m-" + fired.size();
    };

    @Test
    void aThousandDueAtOnceFireExactlyOnceAndTheRecurringScheduleIsNotStarved(@TempDir Path directory)
            throws Exception {
        SettableClock clock = new SettableClock(T0);
        SchedulerEmulator emulator = SchedulerEmulator.start(
                "127.0.0.1", 0, ACCOUNT, JournalScheduleStore.inDirectory(directory), recorder, clock);
        try (SchedulerClient client = SchedulerClients.at(emulator.endpoint())) {
            emulator.startFiring();
            client.createSchedule(r -> r.name("every-minute")
                    .scheduleExpression("rate(1 minute)")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(ARN)
                            .roleArn(CatalogueSchedules.ROLE_ARN)
                            .input("{\"id\":\"every-minute\",\"at\":\"<aws.scheduler.scheduled-time>\"}")));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < COUNT; i += 8) {
                        String name = "once-" + i;
                        client.createSchedule(r -> r.name(name)
                                .scheduleExpression("at(2026-11-28T10:00:30)")
                                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                                .target(x -> x.arn(ARN)
                                        .roleArn(CatalogueSchedules.ROLE_ARN)
                                        .input("{\"id\":\"" + name + "\",\"at\":\"<aws.scheduler.scheduled-time>\"}")));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertTrue(
                    fired.stream().noneMatch(f -> f.startsWith("once-")),
                    "no one-time schedule is due before 10:00:30");
            int before = fired.size(); // the rate schedule fires when created, as on AWS

            // Everything falls due at once: the burst at 10:00:30 and the recurring schedule's first minute.
            clock.set(T0.plus(Duration.ofMinutes(2)));
            awaitFired(before + COUNT + 1);
        } finally {
            emulator.close();
        }

        Map<String, Integer> times = new HashMap<>();
        fired.forEach(f -> times.merge(f, 1, Integer::sum));
        List<String> twice = times.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), twice, "fired twice");
        for (int i = 0; i < COUNT; i++) {
            assertTrue(times.containsKey("once-" + i + "@2026-11-28T10:00:30Z"), "once-" + i + " fired");
        }
        assertTrue(
                times.containsKey("every-minute@2026-11-28T10:02:00Z"),
                "the recurring schedule fired behind the burst: "
                        + times.keySet().stream()
                                .filter(k -> !k.startsWith("once-"))
                                .toList());

        try (SchedulerEmulator reopened = SchedulerEmulator.start(
                "127.0.0.1", 0, ACCOUNT, JournalScheduleStore.inDirectory(directory), recorder, clock)) {
            assertEquals(
                    List.of("every-minute"),
                    reopened.registry().all().stream().map(Schedule::name).toList(),
                    "the fired one-time schedules were deleted, and stay deleted after a restart");
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(
                    List.of(JournalScheduleStore.JOURNAL_NAME, JournalScheduleStore.SNAPSHOT_NAME),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "nothing left behind but the two files");
        }
    }

    /** Waits for the workers (they run on their own threads); bounded so a bug fails rather than hangs. */
    private void awaitFired(int atLeast) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (fired.size() < atLeast) {
            if (System.nanoTime() > until) {
                throw new AssertionError("only " + fired.size() + " of " + atLeast + " fired");
            }
            Thread.sleep(50);
        }
        Thread.sleep(200); // a duplicate, if there were one, would land now
    }
}
