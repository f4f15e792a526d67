package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import io.sluice.local.cli.SluiceLocal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * Text with terminal escape sequences ({@code ESC[31m}: red) and a bidi override, read back through the operator
 * commands that print tables and fields: a job id (dead-lettered as an invalid envelope, so {@code dlq list} shows the
 * id it found in the body), and a payload value a handler put in its failure detail ({@code jobs list},
 * {@code jobs get}). No raw control character reaches the terminal; the id is shown with its escapes written out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTextTest {
    private static final String ID = "esc\u001b[31mRED\u001b[0m-\u202eevil";
    private static final String SHOWN = "esc\\u001b[31mRED\\u001b[0m-\\u202eevil";

    private LocalHarness harness;

    @BeforeAll
    void deadLetterAHostileId() {
        harness = LocalHarness.start(List.of("flaky", "upstream"), Map.of());
        String invalid = harness.send(
                "flaky",
                Priority.NORMAL,
                LocalHarness.envelope("flaky", ID, Priority.NORMAL, Map.of("failures", 0, "permanent", true)));
        String detail = harness.send(
                "upstream",
                Priority.NORMAL,
                LocalHarness.envelope("upstream", "hostile-detail-1", Priority.NORMAL, Map.of("order", ID)));
        harness.awaitFinished(List.of(invalid, detail), Duration.ofSeconds(60));
        LocalHarness.await(
                () -> harness.runtime
                        .jobStore()
                        .get("hostile-detail-1")
                        .map(r -> r.state().isTerminal())
                        .orElse(false),
                Duration.ofSeconds(30),
                () -> "history of the hostile detail");
    }

    @AfterAll
    void stop() {
        harness.close();
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        // The jobs verbs read history only; the dlq verbs read SQS too.
        boolean sqs = args[0].equals("dlq");
        String[] all = new String[args.length + (sqs ? 4 : 2)];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dynamodb-endpoint";
        all[args.length + 1] = harness.runtime.dynamoDbEndpoint().toString();
        if (sqs) {
            all[args.length + 2] = "--sqs-endpoint";
            all[args.length + 3] = harness.runtime.sqsEndpoint().toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertNoRawControl(Run run) {
        assertEquals(0, run.code(), run.err());
        String text = run.out() + run.err();
        assertFalse(
                text.chars().anyMatch(c -> c == 0x1b || c == 0x202e),
                "a raw control character reached the terminal:\n" + text);
    }

    @Test
    void dlqListShowsAHostileJobIdEscaped() {
        Run run = run("dlq", "list", "flaky");
        assertNoRawControl(run);
        assertTrue(run.out().contains(SHOWN), "the id is shown with its escapes written out:\n" + run.out());
    }

    @Test
    void jobsListAndGetShowAHostileFailureDetailWithoutItsControls() {
        Run list = run("jobs", "list", "--type", "upstream", "--state", "dead-lettered");
        assertNoRawControl(list);
        assertTrue(list.out().contains("hostile-detail-1"), list.out());
        Run get = run("jobs", "get", "hostile-detail-1");
        assertNoRawControl(get);
        assertTrue(get.out().contains("is unknown upstream"), get.out());
    }
}
