package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import io.sluice.local.cli.JobTable;
import io.sluice.local.cli.SluiceLocal;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * {@code sluice-local jobs get | list | failures}, driven as a user would against a running sluice-local:
 * real jobs run first (a no-op pair, a flaky job that fails once, a permanent failure), then the commands
 * read their history from the local DynamoDB (moto) through the command line, with the output captured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsCommandTest {
    private final String noopFirst = "noop-a-" + UUID.randomUUID();
    private final String noopSecond = "noop-b-" + UUID.randomUUID();
    private final String flakyOnce = "flaky-once-" + UUID.randomUUID();
    private final String gone = "gone-" + UUID.randomUUID();

    private LocalHarness harness;
    private String endpoint;

    @BeforeAll
    void runSomeJobs() {
        harness = LocalHarness.start(List.of("noop", "flaky"), Map.of());
        endpoint = harness.runtime.dynamoDbEndpoint().toString();
        List<String> messages = List.of(
                harness.send(
                        "noop", Priority.NORMAL, envelope("noop", noopFirst, Priority.NORMAL, Map.of("note", "first"))),
                harness.send(
                        "noop",
                        Priority.NORMAL,
                        envelope("noop", noopSecond, Priority.NORMAL, Map.of("note", "second"))),
                harness.send(
                        "flaky", Priority.NORMAL, envelope("flaky", flakyOnce, Priority.NORMAL, Map.of("failures", 1))),
                harness.send(
                        "flaky",
                        Priority.NORMAL,
                        envelope("flaky", gone, Priority.NORMAL, Map.of("failures", 0, "permanent", true))));
        harness.awaitFinished(messages, Duration.ofSeconds(60));
        // History is written right after the outcome is reported, so it may trail by a moment.
        List<String> jobs = List.of(noopFirst, noopSecond, flakyOnce, gone);
        LocalHarness.await(
                () -> jobs.stream().allMatch(this::isRecordedAsFinished),
                Duration.ofSeconds(30),
                () -> "history not terminal: "
                        + jobs.stream().filter(id -> !isRecordedAsFinished(id)).toList());
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private boolean isRecordedAsFinished(String jobId) {
        Optional<JobRecord> job = harness.runtime.jobStore().get(jobId);
        return job.isPresent()
                && job.get().state() != null
                && job.get().state().isTerminal()
                && job.get().attempts().stream().allMatch(a -> a.outcome() != null);
    }

    private record Run(int code, String out, String err) {}

    private Run jobs(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "jobs";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--dynamodb-endpoint";
        all[args.length + 2] = endpoint;
        return run(all);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String lineStartingWith(String text, String start) {
        return text.lines()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in:\n" + text));
    }

    @Test
    void getShowsTheFlakyJobSucceededWithAFailedThenASucceededAttempt() {
        Run run = jobs("get", flakyOnce);

        assertEquals(0, run.code(), run.err());
        assertTrue(lineStartingWith(run.out(), "job id").endsWith(flakyOnce), run.out());
        assertTrue(lineStartingWith(run.out(), "type").matches("type\\s+flaky"), run.out());
        assertTrue(lineStartingWith(run.out(), "state").matches("state\\s+succeeded"), run.out());
        assertTrue(lineStartingWith(run.out(), "result").matches("result\\s+succeeded on attempt 2"), run.out());
        assertTrue(lineStartingWith(run.out(), "dead-letter reason").matches("dead-letter reason\\s+-"), run.out());
        assertTrue(lineStartingWith(run.out(), "duration").matches("duration\\s+\\d+(\\.\\d)? (ms|s)"), run.out());
        Matcher attempt = Pattern.compile(
                        "(?m)^\\s+(\\d)\\s+\\d{4}-\\d\\d-\\d\\d \\S+\\s+\\d{4}-\\d\\d-\\d\\d \\S+\\s+(\\S+)(.*)$")
                .matcher(run.out());
        assertTrue(attempt.find(), run.out());
        assertEquals("1", attempt.group(1));
        assertEquals("failed", attempt.group(2));
        assertTrue(attempt.group(3).contains("simulated failure on attempt 1"), attempt.group());
        assertTrue(attempt.find(), run.out());
        assertEquals("2", attempt.group(1));
        assertEquals("succeeded", attempt.group(2));
        assertFalse(attempt.find(), "exactly two attempts:\n" + run.out());
    }

    @Test
    void getOfAPermanentFailureShowsItsDeadLetterReasonAndDetail() {
        Run run = jobs("get", gone);

        assertEquals(0, run.code(), run.err());
        assertTrue(lineStartingWith(run.out(), "state").matches("state\\s+dead-lettered"), run.out());
        assertTrue(lineStartingWith(run.out(), "dead-letter reason").endsWith(" permanent-failure"), run.out());
        assertTrue(
                lineStartingWith(run.out(), "dead-letter detail").endsWith(" the order no longer exists"), run.out());
    }

    @Test
    void listByTypeAndStateShowsTheFlakyJobWithItsResult() {
        Run run = jobs("list", "--type", "flaky", "--state", "succeeded");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("JOB ID"), run.out());
        String row = lineStartingWith(run.out(), flakyOnce);
        assertTrue(
                row.matches(Pattern.quote(flakyOnce)
                        + "\\s+succeeded\\s+normal\\s+2\\s+\\S+ \\S+\\s+succeeded on attempt 2"),
                row);
        assertFalse(run.out().contains(gone), "the dead-lettered flaky job is in another state:\n" + run.out());
        assertFalse(run.out().contains("next page"), run.out());
        run.out().lines().forEach(l -> assertTrue(l.length() <= JobTable.MAX_ROW_WIDTH, "row too wide: " + l));
    }

    @Test
    void listWithLimitOneHandsOutATokenThatFetchesTheNextJob() {
        Run first = jobs("list", "--type", "noop", "--state", "succeeded", "--limit", "1");
        assertEquals(0, first.code(), first.err());
        Matcher next = Pattern.compile("(?m)^next page: --page (\\S+)$").matcher(first.out());
        assertTrue(next.find(), first.out());

        Run second = jobs("list", "--type", "noop", "--state", "succeeded", "--limit", "1", "--page", next.group(1));

        assertEquals(0, second.code(), second.err());
        String firstJob = onlyJobIn(first.out());
        String secondJob = onlyJobIn(second.out());
        assertNotEquals(firstJob, secondJob);
        assertEquals(
                List.of(noopFirst, noopSecond).stream().sorted().toList(),
                List.of(firstJob, secondJob).stream().sorted().toList());
    }

    private static String onlyJobIn(String page) {
        List<String> rows = page.lines().filter(l -> l.startsWith("noop-")).toList();
        assertEquals(1, rows.size(), page);
        return rows.get(0).split("\\s+")[0];
    }

    @Test
    void failuresInTheLastHourListThePermanentFailureWithItsReason() {
        Run run = jobs("failures", "--since", "PT1H");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("JOB ID"), run.out());
        String row = lineStartingWith(run.out(), gone);
        assertTrue(
                row.matches(Pattern.quote(gone)
                        + "\\s+flaky\\s+normal\\s+1\\s+\\S+ \\S+\\s+permanent-failure: the order no longer exists"),
                row);
        assertFalse(run.out().contains(flakyOnce), run.out());
        assertFalse(run.out().contains(noopFirst), run.out());
    }

    @Test
    void failuresInAWindowBeforeTheJobsRanFindsNone() {
        Run run = jobs("failures", "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z");

        assertEquals(0, run.code(), run.err());
        assertTrue(
                run.out().startsWith("no dead-lettered jobs from 2020-01-01T00:00:00Z to 2020-01-02T00:00:00Z"),
                run.out());
    }

    @Test
    void unknownJobIdExitsOneNamingTheTableAndEndpoint() {
        Run run = jobs("get", "no-such-job");

        assertEquals(1, run.code());
        assertEquals(
                "sluice-local: no job 'no-such-job' in table sluice-jobs at " + endpoint,
                run.err().strip());
    }

    @Test
    void unknownStateIsAUsageErrorListingTheAllowedStates() {
        Run run = jobs("list", "--type", "flaky", "--state", "done");

        assertEquals(2, run.code());
        assertTrue(
                run.err()
                        .contains(
                                "unknown job state 'done'; states are received, running, retrying, deferred, succeeded, "
                                        + "dead-lettered, duplicate-skipped"),
                run.err());
    }

    @Test
    void sinceTogetherWithFromIsAUsageError() {
        Run run = jobs("failures", "--since", "PT1H", "--from", "2020-01-01T00:00:00Z");

        assertEquals(2, run.code());
        assertTrue(run.err().contains("--since cannot be combined with --from or --to"), run.err());
    }

    @Test
    void aPageTokenTheQueryDidNotIssueIsAUsageError() {
        Run run = jobs("list", "--type", "noop", "--state", "succeeded", "--page", "not-a-token!");

        assertEquals(2, run.code());
        assertTrue(run.err().contains("--page 'not-a-token!' is not a token of this query"), run.err());
    }

    @Test
    void anotherAppsMissingTableIsNamedWithWhatToCheck() {
        Run run = jobs("list", "--type", "noop", "--state", "succeeded", "--app", "elsewhere");

        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("sluice-local: no table elsewhere-jobs at " + endpoint), run.err());
        assertTrue(run.err().contains("check --app and --region"), run.err());
    }

    @Test
    void unreachableEndpointSaysToStartSluiceLocalOrPassTheEndpoint() {
        String nowhere = "http://127.0.0.1:" + LocalHarness.freePort();
        Run run = run("jobs", "get", flakyOnce, "--dynamodb-endpoint", nowhere);

        assertEquals(1, run.code());
        assertTrue(run.err().startsWith("sluice-local: cannot reach DynamoDB at " + nowhere), run.err());
        assertTrue(run.err().contains("start `sluice-local up` or pass --dynamodb-endpoint"), run.err());
    }

    @Test
    void jobsWithoutASubcommandIsAUsageError() {
        Run run = run("jobs");

        assertEquals(2, run.code());
        assertTrue(
                run.err().contains("get")
                        && run.err().contains("list")
                        && run.err().contains("failures"),
                run.err());
    }

    @Test
    void helpOfFailuresDescribesBothWaysToGiveTheWindow() {
        Run run = run("jobs", "failures", "--help");

        assertEquals(0, run.code(), run.err());
        assertTrue(
                run.out().contains("--since=DURATION")
                        && run.out().contains("--from=INSTANT")
                        && run.out().contains("--to=INSTANT"),
                run.out());
    }

    @Test
    void durationsReadAsMillisecondsSecondsMinutesAndHours() {
        assertEquals("350 ms", JobTable.duration(Duration.ofMillis(350)));
        assertEquals("1.2 s", JobTable.duration(Duration.ofMillis(1_234)));
        assertEquals("2 min 5 s", JobTable.duration(Duration.ofSeconds(125)));
        assertEquals("3 h 20 min", JobTable.duration(Duration.ofMinutes(200)));
        assertEquals("-", JobTable.duration(null));
    }

    @Test
    void everyStateHasAWireNameTheListCommandAccepts() {
        for (JobState state : JobState.values()) {
            Run run = jobs("list", "--type", "noop", "--state", state.wireName(), "--limit", "1");
            assertEquals(0, run.code(), state + ": " + run.err());
        }
    }
}
