package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.local.testjobs.UpstreamJob;
import io.sluice.ops.DeadLetter;
import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.JobView;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.PauseResult;
import io.sluice.ops.QueueStatus;
import io.sluice.ops.RedriveResult;
import io.sluice.ops.SluiceOperations;
import io.sluice.ops.TypeStatus;
import io.sluice.store.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * The operations library against a whole sluice-local: jobs really run, fail, are dead-lettered, paused and
 * redriven, and pause goes through Lambda's API (served by sluice-local over its pollers) exactly as it would reach
 * a deployed stack's event source mappings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndToEndTest {
    private LocalHarness harness;
    private OperationsClients clients;
    private SluiceOperations ops;

    @BeforeAll
    void start() {
        harness = LocalHarness.start(List.of("upstream", "flaky", "tick-scheduled"), Map.of());
        clients = LocalOperations.clients(harness.runtime);
        ops = LocalOperations.of(harness.runtime, clients);
    }

    @AfterAll
    void stop() {
        clients.close();
        harness.close();
    }

    @Test
    void aFailureIsSeenInStatusShownWithItsReasonAndOnceFixedRedrivenToSuccess() {
        String jobId = "order-" + UUID.randomUUID();
        String order = "o-" + UUID.randomUUID();
        harness.awaitFinished(
                List.of(harness.send(
                        "upstream", Priority.HIGH, envelope("upstream", jobId, Priority.HIGH, Map.of("order", order)))),
                Duration.ofSeconds(30));

        TypeStatus status = ops.status("upstream");
        QueueStatus high = status.queues().stream()
                .filter(q -> q.priority() == Priority.HIGH)
                .findFirst()
                .orElseThrow();
        assertEquals(1, high.deadLettered());
        assertFalse(high.paused());
        assertEquals(1, status.lastHour().deadLetteredByReason().get("permanent-failure"));
        assertEquals(2, status.settings().maxAttempts());
        // The workers view, through CloudWatch's GetMetricData as sluice-local answers it from its pollers.
        assertEquals("sluice-upstream", status.workers().function());
        assertEquals(4, status.workers().reservedConcurrency());
        assertTrue(status.workers().invocations() >= 1, status.workers().toString());
        assertEquals(0L, status.workers().errors(), "a permanent failure is an answer, not an invocation error");
        assertEquals(0L, status.workers().throttles());
        assertEquals(null, status.workers().metricsError());
        assertEquals(null, high.oldestMessageAge(), "the local SQS publishes no age metric");

        JobView view = ops.job(jobId);
        assertEquals("dead-letter-queue", view.location());
        assertEquals(JobState.DEAD_LETTERED, view.history().state());
        DeadLetter d = ops.deadLetter("upstream", jobId, false);
        assertEquals("permanent-failure", d.reason());
        assertTrue(d.detail().contains("is unknown upstream"), d.detail());

        UpstreamJob.fix(order);
        RedriveResult redrive = ops.redrive("upstream", null, DeadLetterFilter.byIds(java.util.Set.of(jobId)), 100);

        assertEquals(List.of(jobId), redrive.moved());
        LocalHarness.await(
                () -> ops.job(jobId).history().state() == JobState.SUCCEEDED,
                Duration.ofSeconds(30),
                () -> "job " + jobId + " is " + ops.job(jobId).location());
        assertEquals("done", ops.job(jobId).location());
        assertEquals(0, harness.depth(harness.runtime.deadLetterQueueUrl("upstream", Priority.HIGH)));
    }

    @Test
    void pauseStopsDeliveriesWithinOnePollAndResumeRestartsThem() {
        PauseResult paused = ops.pause("flaky", null);

        assertTrue(paused.paused());
        assertEquals(1, paused.mappings().size());
        EventSourceMappingEmulator mapping = harness.runtime.mappings().stream()
                .filter(m -> m.queue().name().equals("sluice-flaky-normal"))
                .findFirst()
                .orElseThrow();
        // Every poller has ended the poll it was in when the switch came: from here on nothing is received.
        LocalHarness.await(
                () -> mapping.parkedPollers() == mapping.pollers(),
                Duration.ofSeconds(10),
                () -> mapping.parkedPollers() + " of " + mapping.pollers() + " pollers parked");
        long deliveredBefore = mapping.delivered();
        String jobId = "paused-" + UUID.randomUUID();
        String messageId = harness.send(
                "flaky", Priority.NORMAL, envelope("flaky", jobId, Priority.NORMAL, Map.of("failures", 0)));

        TypeStatus status = ops.status("flaky");
        assertTrue(status.paused());
        assertEquals(1, status.queues().get(0).visible(), "the job waits in its queue");
        assertEquals(deliveredBefore, mapping.delivered(), "nothing was handed to the function");
        EventSourceMappingConfiguration seen = clients.lambda()
                .listEventSourceMappings(r -> r.eventSourceArn(harness.runtime.queueArn("flaky", Priority.NORMAL)))
                .eventSourceMappings()
                .get(0);
        assertEquals("Disabled", seen.state(), "Lambda's API says so too");

        PauseResult resumed = ops.resume("flaky", null);

        assertFalse(resumed.paused());
        harness.awaitFinished(List.of(messageId), Duration.ofSeconds(30));
        assertEquals(JobState.SUCCEEDED, ops.job(jobId).history().state());
        assertFalse(ops.status("flaky").paused());
    }

    @Test
    void pausingATypePausesItsCatalogueScheduleAndResumeEnablesIt() {
        PauseResult paused = ops.pause("tick-scheduled", null);
        try {
            assertEquals(List.of("sluice-tick-scheduled"), paused.schedules());
            TypeStatus status = ops.status("tick-scheduled");
            assertEquals(1, status.schedules().size());
            assertTrue(status.schedules().get(0).paused(), status.schedules().toString());
            assertEquals(
                    "DISABLED",
                    clients.scheduler()
                            .getSchedule(r -> r.groupName("sluice").name("sluice-tick-scheduled"))
                            .stateAsString());
        } finally {
            ops.resume("tick-scheduled", null);
        }
        assertFalse(ops.status("tick-scheduled").schedules().get(0).paused());
        var after = clients.scheduler().getSchedule(r -> r.groupName("sluice").name("sluice-tick-scheduled"));
        assertEquals("ENABLED", after.stateAsString());
        assertEquals("rate(1 minute)", after.scheduleExpression(), "the rest of the definition kept as it was");
    }

    @Test
    void oneHeldPriorityLeavesTheOtherConsumed() {
        PauseResult paused = ops.pause("upstream", Priority.NORMAL);
        try {
            assertEquals(Priority.NORMAL, paused.priority());
            TypeStatus status = ops.status("upstream");
            assertFalse(status.paused(), "high still runs");
            assertTrue(status.queues().stream()
                    .filter(q -> q.priority() == Priority.NORMAL)
                    .findFirst()
                    .orElseThrow()
                    .paused());
        } finally {
            ops.resume("upstream", Priority.NORMAL);
        }
    }

    @Test
    void aJobDeadLetteredBeforeItParsedIsFoundByItsMessageId() {
        String messageId = harness.send("flaky", Priority.NORMAL, "{not json");
        harness.awaitFinished(List.of(messageId), Duration.ofSeconds(30));
        DeadLetter d = ops
                .deadLetters("flaky", null, DeadLetterFilter.byReason("malformed-json"), 100, false)
                .deadLetters()
                .stream()
                .findFirst()
                .orElseThrow();

        JobView view = ops.job(d.messageId());

        assertEquals("dead-letter-queue", view.location());
        assertNotNull(view.deadLetter());
        assertEquals("malformed-json", view.deadLetter().reason());
    }
}
