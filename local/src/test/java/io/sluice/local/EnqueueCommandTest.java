package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.cli.SluiceLocal;
import io.sluice.local.testjobs.JobLedger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * {@code sluice-local enqueue} and {@code cancel}, as a user types them against a running sluice-local: a job
 * sent now runs, a job for later waits in a one-time schedule until cancelled, and a refused job says why and
 * sends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnqueueCommandTest {
    private LocalHarness local;

    @BeforeAll
    void start() {
        local = LocalHarness.start(List.of("once"), Map.of());
    }

    @AfterAll
    void stop() {
        local.close();
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--sqs-endpoint";
        all[args.length + 1] = local.runtime.sqsEndpoint().toString();
        all[args.length + 2] = "--scheduler-endpoint";
        all[args.length + 3] = local.runtime.scheduler().endpoint().toString();
        all[args.length + 4] = "--dynamodb-endpoint";
        all[args.length + 5] = local.runtime.dynamoDbEndpoint().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aJobEnqueuedFromTheCommandLineRuns() {
        String jobId = "cli-" + UUID.randomUUID();
        Run run = run("enqueue", "once", "{\"millis\":0}", "--job-id", jobId);

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("enqueued job " + jobId + " (once, normal) as message "), run.out());
        LocalHarness.await(
                () -> JobLedger.finishPosition(jobId) != null,
                Duration.ofSeconds(60),
                () -> "job " + jobId + " did not run");
    }

    @Test
    void aJobAlreadyInSqsIsCancelledBeforeItStartsAndAcknowledgedUnrunWhenItArrives() {
        String jobId = "cli-queued-" + UUID.randomUUID();
        Run queued = run("enqueue", "once", "{\"millis\":0}", "--job-id", jobId, "--delay", "PT3S");
        assertEquals(0, queued.code(), queued.err());

        Run cancelled = run("cancel", jobId);

        assertEquals(0, cancelled.code(), cancelled.err());
        assertEquals("cancelled job " + jobId, cancelled.out().trim());
        String url = local.runtime.queueUrl("once", io.sluice.job.Priority.NORMAL);
        LocalHarness.await(
                () -> {
                    var attributes = local.runtime
                            .sqs()
                            .getQueueAttributes(r -> r.queueUrl(url)
                                    .attributeNames(software.amazon.awssdk.services.sqs.model.QueueAttributeName.ALL))
                            .attributes();
                    return java.util.stream.Stream.of(
                                    software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                            .APPROXIMATE_NUMBER_OF_MESSAGES,
                                    software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                            .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                    software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                            .APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)
                            .allMatch(n -> "0".equals(attributes.get(n)));
                },
                Duration.ofSeconds(60),
                () -> "the cancelled job's message was acknowledged");
        assertEquals(null, JobLedger.finishPosition(jobId), "a cancelled job never runs");
        assertEquals(
                io.sluice.store.JobState.CANCELLED,
                local.runtime.jobStore().get(jobId).orElseThrow().state());
    }

    @Test
    void aJobForLaterWaitsInAOneTimeScheduleUntilCancelled() {
        String jobId = "cli-later-" + UUID.randomUUID();
        String runAt = Instant.now()
                .plus(Duration.ofHours(2))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        Run scheduled = run("enqueue", "once", "{}", "--job-id", jobId, "--run-at", runAt);

        assertEquals(0, scheduled.code(), scheduled.err());
        assertEquals(
                "scheduled job " + jobId + " (once, normal) in one-time schedule job-" + jobId + "; it runs at "
                        + runAt,
                scheduled.out().trim());
        assertTrue(
                local.runtime.scheduler().registry().all().stream()
                        .anyMatch(s -> s.name().equals("job-" + jobId)),
                "it waits");
        Run cancelled = run("cancel", jobId);
        assertTrue(
                local.runtime.scheduler().registry().all().stream()
                        .noneMatch(s -> s.name().equals("job-" + jobId)),
                "cancel deleted the schedule");
        assertEquals(0, cancelled.code(), cancelled.err());
        assertEquals("cancelled job " + jobId, cancelled.out().trim());
        Run again = run("cancel", jobId);
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("job " + jobId + " is running or has already ended"), again.err());
    }

    @Test
    void anUnreachableEndpointSaysWhereItLookedAndWhatToDo() {
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int free = LocalHarness.freePort();
        int code = cli.execute("enqueue", "once", "{}", "--sqs-endpoint", "http://127.0.0.1:" + free);

        assertEquals(1, code);
        assertTrue(
                err.toString()
                        .startsWith(
                                "sluice-local: cannot reach SQS at http://127.0.0.1:" + free + " or the scheduler at "),
                err.toString());
        assertTrue(
                err.toString().contains("start `sluice-local up` or pass --sqs-endpoint / --scheduler-endpoint"),
                err.toString());
    }

    @Test
    void aRefusedJobSaysWhyAndSendsNothing() {
        Run unknown = run("enqueue", "nope", "{}");
        assertEquals(1, unknown.code());
        assertTrue(
                unknown.err().startsWith("sluice-local: unknown job type 'nope'; the catalogue has: "), unknown.err());

        Run badPriority = run("enqueue", "once", "{}", "--priority", "urgent");
        assertEquals(2, badPriority.code(), "a bad option is a usage error");
        assertTrue(
                badPriority.err().contains("unknown priority 'urgent'; allowed: high, normal, low"), badPriority.err());

        Run past = run("enqueue", "once", "{}", "--run-at", "2020-01-01T00:00:00Z");
        assertEquals(1, past.code());
        assertTrue(past.err().startsWith("sluice-local: runAt 2020-01-01T00:00:00Z is in the past"), past.err());

        Run both = run("enqueue", "once", "{}", "--run-at", "2030-01-01T00:00:00Z", "--delay", "PT5S");
        assertEquals(2, both.code(), both.err());
        // Nothing was sent: the client checks before it sends (SluiceClientTest counts the queues).
        for (Run refused : List.of(unknown, badPriority, past, both)) {
            assertEquals("", refused.out());
        }
    }
}
