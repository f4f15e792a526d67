package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.cli.SluiceLocal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** sluice-local's command line, driven as a user would, with its output captured. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void benchPrintsThroughputWriteUnitsByOutcomeAndThePriorityIsolationRatio() {
        int code = run(
                "bench",
                "--messages",
                "300",
                "--rounds",
                "1",
                "--write-unit-jobs",
                "40",
                "--isolation-rounds",
                "1",
                "--flood",
                "200",
                "--sqs-port",
                Integer.toString(LocalHarness.freePort()),
                "--dynamodb-port",
                Integer.toString(LocalHarness.freePort()),
                "--scheduler-port",
                "0");

        assertEquals(0, code, err.toString());
        Matcher raw = Pattern.compile("raw ElasticMQ receive \\+ delete\\s+(\\d+) msg/s")
                .matcher(out.toString());
        Matcher sluice = Pattern.compile("Sluice end to end \\(noop job\\)\\s+(\\d+) jobs/s")
                .matcher(out.toString());
        assertTrue(raw.find(), out.toString());
        assertTrue(sluice.find(), out.toString());
        assertTrue(Integer.parseInt(raw.group(1)) > 0 && Integer.parseInt(sluice.group(1)) > 0);
        assertTrue(out.toString().contains("ratio (Sluice / raw, medians)"));
        Matcher writes = Pattern.compile("DynamoDB writes per job \\(history \\+ idempotency\\)\\s+([0-9.]+)")
                .matcher(out.toString());
        assertTrue(writes.find(), out.toString());
        double perJob = Double.parseDouble(writes.group(1));
        assertTrue(perJob > 0 && perJob <= 2.0, "the write budget is at most 2 per job, was " + perJob);
        // Item sizes, not timings: a first delivery that succeeds is billed 2 table units and 1 index unit.
        Matcher firstTime = Pattern.compile(
                        "first-time success\\s+([0-9.]+)\\s+\\(table ([0-9.]+) \\+ indexes ([0-9.]+);")
                .matcher(out.toString());
        assertTrue(firstTime.find(), out.toString());
        assertEquals("3.00 2.00 1.00", firstTime.group(1) + " " + firstTime.group(2) + " " + firstTime.group(3));
        assertTrue(out.toString().contains("retried success"), out.toString());
        assertTrue(out.toString().contains("dead-lettered"), out.toString());
        assertTrue(out.toString().contains("per million jobs"), out.toString());
        assertTrue(
                Pattern.compile("ratio \\(flooded / idle, medians\\)\\s+[0-9.]+")
                        .matcher(out.toString())
                        .find(),
                out.toString());
    }

    @Test
    void benchRedrivePrintsBothWaysOfRedrivingAndTheRequestsTheSelectiveOneMakes() {
        int code = run("bench", "redrive", "--messages", "50", "--rounds", "1");

        assertEquals(0, code, err.toString());
        Matcher selective = Pattern.compile("selective \\(send batch, then delete batch\\)\\s+(\\d+) msg/s")
                .matcher(out.toString());
        Matcher moveTask = Pattern.compile("StartMessageMoveTask \\(--all\\)\\s+(\\d+) msg/s")
                .matcher(out.toString());
        assertTrue(selective.find() && moveTask.find(), out.toString());
        assertTrue(Integer.parseInt(selective.group(1)) > 0 && Integer.parseInt(moveTask.group(1)) > 0);
        Matcher requests = Pattern.compile("SQS requests per 100 messages, selective\\s+([0-9.]+)")
                .matcher(out.toString());
        assertTrue(requests.find(), out.toString());
        // Per ten messages: one receive, one send batch, one delete batch (plus the queue's depth, once).
        assertTrue(Double.parseDouble(requests.group(1)) <= 40, out.toString());
    }

    @Test
    void benchDynamoDbPrintsWriteRatesOnAnEmptyAndAFullTable() {
        int code = run("bench", "dynamodb", "--items", "200", "--requests", "20");

        assertEquals(0, code, err.toString());
        Matcher updates = Pattern.compile("conditional UpdateItem/s\\s+(\\d+)\\s+(\\d+)\\s+([0-9.]+)")
                .matcher(out.toString());
        Matcher transactions = Pattern.compile("TransactWriteItems/s \\(2 items\\)\\s+(\\d+)\\s+(\\d+)\\s+([0-9.]+)")
                .matcher(out.toString());
        assertTrue(updates.find(), out.toString());
        assertTrue(transactions.find(), out.toString());
        assertTrue(
                Integer.parseInt(transactions.group(1)) > 0 && Integer.parseInt(transactions.group(2)) > 0,
                out.toString());
        assertTrue(out.toString().contains("200 items"), out.toString());
    }

    @Test
    void benchChaosRidesOutAStoreOutageWithDuplicatesAndLosesNothing() {
        int code = run(
                "bench",
                "chaos",
                "--jobs",
                "100",
                "--duplicates",
                "10",
                "--outage",
                "PT10S",
                "--sqs-port",
                Integer.toString(LocalHarness.freePort()),
                "--scheduler-port",
                "0");

        assertEquals(0, code, out + "\n" + err);
        String report = out.toString();
        assertTrue(report.contains("OK: every job is accounted for."), report);
        assertTrue(
                Pattern.compile("unaccounted for \\(lost\\)\\s+0\\n")
                        .matcher(report)
                        .find(),
                report);
        assertTrue(
                Pattern.compile("side effects run twice\\s+0\\n")
                        .matcher(report)
                        .find(),
                report);
        Matcher refused = Pattern.compile("DynamoDB requests refused \\(outage\\)\\s+(\\d+)")
                .matcher(report);
        assertTrue(refused.find() && Integer.parseInt(refused.group(1)) > 0, "the outage happened: " + report);
        assertTrue(
                Pattern.compile("skipped as duplicates\\s+(\\d+)")
                        .matcher(report)
                        .find(),
                report);
    }

    @Test
    void unknownOverrideKeyIsRefusedNamingTheKey() {
        int code = run(
                "demo",
                "--set",
                "webhook.retries=3",
                "--sqs-port",
                Integer.toString(LocalHarness.freePort()),
                "--dynamodb-port",
                Integer.toString(LocalHarness.freePort()));

        assertEquals(1, code);
        assertTrue(err.toString().startsWith("sluice-local: unknown override retries='3'; known: "), err.toString());
    }

    @Test
    void overrideForAnUnknownTypeNamesTheKnownTypes() {
        int code = run("bench", "--messages", "100", "--set", "fax.maxAttempts=3");

        assertEquals(1, code);
        assertTrue(err.toString().contains("unknown job type 'fax'"), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "up"})
    void withoutMotoTheCommandSaysInOneLineWhatToInstall(String command) {
        int code = run(
                command,
                "--python",
                "/nonexistent/python3",
                "--sqs-port",
                Integer.toString(LocalHarness.freePort()),
                "--dynamodb-port",
                Integer.toString(LocalHarness.freePort()),
                "--scheduler-port",
                "0");

        assertEquals(1, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("sluice-local: /nonexistent/python3 was not found"), message);
        assertTrue(message.contains("pip install 'moto[server]==5.2.1'"), message);
    }

    @Test
    void tooSmallDemoIsAUsageError() {
        assertEquals(2, run("demo", "--jobs", "5"));
        assertTrue(err.toString().contains("--jobs must be at least 100, was 5"), err.toString());
    }
}
