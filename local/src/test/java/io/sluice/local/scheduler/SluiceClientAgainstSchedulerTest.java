package io.sluice.local.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.Catalogue;
import io.sluice.client.EnqueueOptions;
import io.sluice.client.JobReceipt;
import io.sluice.client.RecurringSchedule;
import io.sluice.client.SluiceClient;
import io.sluice.local.LocalHarness;
import io.sluice.local.testjobs.JobLedger;
import io.sluice.local.testjobs.OnceJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Sluice's producer client, unchanged, against sluice-local: a job delayed 3 seconds runs after them, a job
 * due in 20 minutes waits in a one-time schedule and runs once at its time, a cancelled one never runs, a
 * recurring schedule created at run time fires its job, and so does one created with the AWS SDK's own client. The client's clock is fixed; the scheduler's firing step is called with the instants the test
 * chooses, so "20 minutes later" takes no time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SluiceClientAgainstSchedulerTest {
    private static final String SCHEDULE_DLQ = "arn:aws:sqs:us-east-1:000000000000:sluice-schedules-dlq";
    private LocalHarness local;
    private SchedulerClient schedulerClient;
    private software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb;
    private SluiceClient client;
    private Instant now;

    @BeforeAll
    void start() {
        local = LocalHarness.start(List.of("once"), Map.of());
        schedulerClient = SchedulerClients.at(local.runtime.scheduler().endpoint());
        dynamoDb = io.sluice.testing.MotoDynamoDb.clientFor(local.runtime.dynamoDbEndpoint());
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        client = SluiceClient.builder()
                .catalogue(Catalogue.load().only(List.of("once")))
                .sqs(local.runtime.sqs())
                .scheduler(schedulerClient)
                .dynamoDb(dynamoDb)
                .schedulerRoleArn(CatalogueSchedules.ROLE_ARN)
                .scheduleDeadLetterArn(SCHEDULE_DLQ)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    @AfterAll
    void stop() {
        schedulerClient.close();
        dynamoDb.close();
        local.close();
    }

    @Test
    void aJobDueInTwentyMinutesWaitsInAOneTimeScheduleAndRunsOnceAtItsTime() {
        String jobId = "later-" + UUID.randomUUID();
        Instant runAt = now.plus(Duration.ofMinutes(20));

        JobReceipt receipt = client.enqueue(
                "once",
                new OnceJob.Payload(0, null),
                EnqueueOptions.defaults().jobId(jobId).runAt(runAt));

        assertTrue(receipt.scheduled());
        Schedule waiting = local.runtime.scheduler().registry().get("sluice", receipt.scheduleName());
        assertEquals(ActionAfterCompletion.DELETE, waiting.definition().actionAfterCompletion());
        assertEquals(
                SCHEDULE_DLQ,
                waiting.definition().target().deadLetterArn(),
                "an undeliverable firing is kept, not lost");
        assertTrue(
                fire(runAt.minusSeconds(1)).stream()
                        .noneMatch(f -> f.scheduleArn().endsWith(receipt.scheduleName())),
                "not early");
        List<Firing> firings = fire(runAt);
        assertEquals(
                1,
                firings.stream()
                        .filter(f -> f.scheduleArn().endsWith(receipt.scheduleName()))
                        .count(),
                firings.toString());

        LocalHarness.await(
                () -> JobLedger.finishPosition(jobId) != null,
                Duration.ofSeconds(60),
                () -> "job " + jobId + " did not run");
        assertFalse(
                local.runtime.scheduler().registry().all().stream()
                        .anyMatch(s -> s.name().equals(receipt.scheduleName())),
                "the one-time schedule deleted itself after firing");
        assertTrue(fire(runAt.plus(Duration.ofMinutes(5))).isEmpty(), "nothing left to fire");
        assertEquals(1, JobLedger.attempts(jobId).size(), "ran once");
        assertFalse(client.cancel(jobId), "too late to cancel: it already ran");
    }

    @Test
    void aCancelledJobNeverRuns() {
        String jobId = "cancelled-" + UUID.randomUUID();
        Instant runAt = now.plus(Duration.ofMinutes(30));
        client.enqueue(
                "once",
                new OnceJob.Payload(0, null),
                EnqueueOptions.defaults().jobId(jobId).runAt(runAt));

        assertTrue(
                local.runtime.scheduler().registry().all().stream()
                        .anyMatch(s -> s.name().equals("job-" + jobId)),
                "it waited");
        assertTrue(client.cancel(jobId));
        assertFalse(
                local.runtime.scheduler().registry().all().stream()
                        .anyMatch(s -> s.name().equals("job-" + jobId)),
                "cancel deleted its schedule");

        assertTrue(
                fire(runAt.plus(Duration.ofMinutes(1))).stream()
                        .noneMatch(f -> f.scheduleArn().endsWith(jobId)),
                "nothing fired for it");
        assertTrue(JobLedger.attempts(jobId).isEmpty());
        assertNull(JobLedger.finishPosition(jobId));
    }

    @Test
    void aRecurringScheduleCreatedAtRunTimeFiresItsJob() {
        String name = "nightly-" + UUID.randomUUID().toString().substring(0, 8);
        client.schedule(name, "rate(1 day)", "Europe/Paris", "once", new OnceJob.Payload(0, "nightly"));

        RecurringSchedule listed = client.schedules().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
        assertEquals("once", listed.type());
        assertEquals("Europe/Paris", listed.timezone());
        Schedule schedule = local.runtime.scheduler().registry().get("sluice", name);
        Instant first = schedule.creationDate().truncatedTo(ChronoUnit.SECONDS);
        fire(first);

        String jobId = name + ":" + first;
        LocalHarness.await(
                () -> JobLedger.finishPosition(jobId) != null,
                Duration.ofSeconds(60),
                () -> "job " + jobId + " did not run");
        assertTrue(client.unschedule(name));
        assertTrue(
                fire(first.plus(Duration.ofDays(1))).stream()
                        .noneMatch(f -> f.scheduleArn().endsWith(name)),
                "unscheduled");
    }

    @Test
    void aJobEnqueuedWithAThreeSecondDelayRunsAfterIt() {
        String jobId = "delayed-" + UUID.randomUUID();
        try (SluiceClient realTime = SluiceClient.builder()
                .catalogue(Catalogue.load().only(List.of("once")))
                .sqs(local.runtime.sqs())
                .dynamoDb(dynamoDb)
                .build()) {
            Instant sent = Instant.now();
            JobReceipt receipt = realTime.enqueue(
                    "once",
                    new OnceJob.Payload(0, null),
                    EnqueueOptions.defaults().jobId(jobId).delay(Duration.ofSeconds(3)));

            assertFalse(receipt.scheduled(), "three seconds wait in SQS, not in a schedule");
            LocalHarness.await(
                    () -> JobLedger.finishPosition(jobId) != null,
                    Duration.ofSeconds(60),
                    () -> "job " + jobId + " did not run");
            Instant started = JobLedger.attempts(jobId).get(0);
            assertFalse(started.isBefore(sent.plusSeconds(3)), "started " + started + ", sent " + sent);
            assertEquals(1, JobLedger.attempts(jobId).size());
        }
    }

    @Test
    void aScheduleCreatedWithTheSdksSchedulerClientFiresItsJob() {
        String name = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = "from-sdk-" + UUID.randomUUID();
        String queueArn = local.runtime.queueArn("once", io.sluice.job.Priority.NORMAL);
        schedulerClient.createSchedule(r -> r.name(name)
                .groupName("sluice")
                .scheduleExpression("rate(5 minutes)")
                .flexibleTimeWindow(
                        w -> w.mode(software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode.OFF))
                .target(t -> t.arn(queueArn)
                        .roleArn(CatalogueSchedules.ROLE_ARN)
                        .input("{\"specVersion\":\"1\",\"jobId\":\"" + jobId
                                + "\",\"type\":\"once\",\"payload\":{}}")));
        Instant first = local.runtime
                .scheduler()
                .registry()
                .get("sluice", name)
                .creationDate()
                .truncatedTo(ChronoUnit.SECONDS);

        // The runtime's firing workers send a rate schedule's first occurrence as soon as it is created; this step
        // sends it only if they have not yet, and never a second time.
        assertTrue(fire(first).stream()
                        .filter(f -> f.scheduleArn().endsWith("/" + name))
                        .count()
                <= 1);

        LocalHarness.await(
                () -> JobLedger.finishPosition(jobId) != null,
                Duration.ofSeconds(60),
                () -> "job " + jobId + " did not run");
        assertEquals(1, JobLedger.attempts(jobId).size(), "fired once");
        schedulerClient.deleteSchedule(r -> r.groupName("sluice").name(name));
    }

    @Test
    void theSameJobEnqueuedTwiceIsOneScheduleAndTheSameIdForAnotherTimeIsRefused() {
        String jobId = "order.42-" + UUID.randomUUID();
        Instant runAt = now.plus(Duration.ofHours(3));
        JobReceipt first = client.enqueue(
                "once",
                new OnceJob.Payload(0, null),
                EnqueueOptions.defaults().jobId(jobId).runAt(runAt));
        JobReceipt again = client.enqueue(
                "once",
                new OnceJob.Payload(0, null),
                EnqueueOptions.defaults().jobId(jobId).runAt(runAt));

        assertEquals(first.scheduleName(), again.scheduleName(), "a retried call is the same schedule");
        assertEquals(
                1,
                local.runtime.scheduler().registry().all().stream()
                        .filter(s -> s.name().equals(first.scheduleName()))
                        .count());
        io.sluice.client.JobRejectedException moved = org.junit.jupiter.api.Assertions.assertThrows(
                io.sluice.client.JobRejectedException.class,
                () -> client.enqueue(
                        "once",
                        new OnceJob.Payload(0, null),
                        EnqueueOptions.defaults().jobId(jobId).runAt(runAt.plusSeconds(60))));
        assertTrue(
                moved.getMessage().startsWith("job " + jobId + " already waits in schedule job-" + jobId),
                moved.getMessage());
        assertTrue(client.cancel(jobId));
    }

    @Test
    void pagesOfRecurringSchedulesCoverThemAllOnceAndLeaveOneTimeJobSchedulesOut() {
        String prefix = "paged-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        java.util.Set<String> created = new java.util.TreeSet<>();
        for (int i = 0; i < 130; i++) {
            String name = prefix + i;
            client.schedule(name, "rate(1 day)", "UTC", "once", new OnceJob.Payload(0, "paged"));
            created.add(name);
        }
        Instant later = Instant.now().plus(Duration.ofDays(2));
        List<String> oneTime = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            oneTime.add(client.enqueue(
                            "once",
                            new OnceJob.Payload(0, null),
                            EnqueueOptions.defaults().runAt(later))
                    .scheduleName());
        }
        try {
            List<String> seen = new java.util.ArrayList<>();
            int pages = 0;
            String token = null;
            do {
                io.sluice.client.SchedulePage page = client.schedules(token, 40);
                page.schedules().stream()
                        .map(RecurringSchedule::name)
                        .filter(n -> n.startsWith(prefix))
                        .forEach(seen::add);
                page.schedules().forEach(s -> assertFalse(oneTime.contains(s.name()), s.name()));
                token = page.nextToken();
                pages++;
            } while (token != null && pages < 100);

            assertNull(token, "the last page says so");
            assertTrue(pages >= 4, "150 schedules in pages of 40 take at least four pages: " + pages);
            assertEquals(created.size(), seen.size(), "each schedule on exactly one page");
            assertEquals(created, new java.util.TreeSet<>(seen));
            org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> client.schedules(null, 101));
            IllegalArgumentException stale = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> client.schedules("not-a-token", 40));
            assertTrue(stale.getMessage().startsWith("page token 'not-a-token' is not one"), stale.getMessage());
        } finally {
            created.forEach(client::unschedule);
            oneTime.forEach(name -> local.runtime.scheduler().registry().delete("sluice", name));
        }
    }

    @Test
    void syncingAnUnchangedRecurringScheduleDoesNotTouchIt() {
        String name = "sync-" + UUID.randomUUID().toString().substring(0, 8);
        client.schedule(name, "rate(1 hour)", "UTC", "once", new OnceJob.Payload(0, "sync"));
        Instant modified =
                local.runtime.scheduler().registry().get("sluice", name).lastModificationDate();

        client.schedule(name, "rate(1 hour)", "UTC", "once", new OnceJob.Payload(0, "sync"));
        assertEquals(
                modified,
                local.runtime.scheduler().registry().get("sluice", name).lastModificationDate(),
                "no update for no change");

        client.schedule(name, "rate(2 hours)", "UTC", "once", new OnceJob.Payload(0, "sync"));
        assertEquals(
                "rate(2 hours)",
                local.runtime
                        .scheduler()
                        .registry()
                        .get("sluice", name)
                        .definition()
                        .expression());
        assertTrue(client.unschedule(name));
    }

    private List<Firing> fire(Instant at) {
        return local.runtime.scheduler().dispatcher().fireDue(at);
    }
}
