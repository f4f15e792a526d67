package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator commands as processes, the way an operator runs them in a second terminal: {@code up} runs in one
 * process on free ports and writes its state file; every other command is a fresh {@code java -jar} that finds it
 * through that file alone (no endpoint options), so discovery, exit codes, {@code --json} and the one-line errors are
 * what a user gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorCliIT {
    private final Path jar = Path.of(System.getProperty("sluice.local.jar", "target/sluice-local.jar"));
    private Path stateDir;
    private Process up;
    private Path upLog;

    record Run(int code, String out, String err) {}

    @BeforeAll
    void startUp() throws Exception {
        assertTrue(Files.exists(jar), "packaged jar at " + jar);
        stateDir = Files.createTempDirectory("sluice-state");
        upLog = Files.createTempFile("sluice-up", ".log");
        ProcessBuilder pb = command(
                "up",
                "--sqs-port",
                Integer.toString(LocalHarness.freePort()),
                "--dynamodb-port",
                Integer.toString(LocalHarness.freePort()),
                "--scheduler-port",
                "0",
                "--lambda-port",
                "0",
                "--api-port",
                "0",
                "--cloudwatch-port",
                "0");
        pb.redirectErrorStream(true);
        pb.redirectOutput(upLog.toFile());
        up = pb.start();
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.readString(upLog).contains("Press Ctrl-C to stop.")) {
            if (!up.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("up never came up:\n" + Files.readString(upLog));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stopUp() throws Exception {
        if (up != null) {
            up.destroy();
            up.waitFor(60, TimeUnit.SECONDS);
            up.destroyForcibly();
        }
    }

    @Test
    void statusFindsTheRunningUpThroughItsStateFileAndPrintsJson() throws Exception {
        Run run = run("status", "--json");

        assertEquals(0, run.code(), run.err());
        JsonNode report = SluiceJson.mapper().readTree(run.out());
        assertEquals("sluice", report.path("app").asText());
        List<String> types = new ArrayList<>();
        report.path("types").forEach(t -> types.add(t.path("type").asText()));
        assertTrue(types.containsAll(List.of("webhook", "tweet", "discord", "email", "noop")), types.toString());
        JsonNode queue = report.path("types").get(0).path("queues").get(0);
        assertTrue(queue.has("visible") && queue.has("deadLettered") && queue.has("paused"), queue.toString());
        assertFalse(queue.path("consumers").isEmpty(), "up's pollers answer as event source mappings");
    }

    @Test
    void statusPrintsATableByDefault() throws Exception {
        Run run = run("status", "noop");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("TYPE") && run.out().contains("CONSUMPTION"), run.out());
        assertTrue(run.out().matches("(?s).*noop\\s+normal\\s+0\\s+0\\s+0\\s+0\\s+running.*"), run.out());
    }

    @Test
    void aBadDurationIsABadUsageNamingTheFormsAccepted() throws Exception {
        Run run = run("jobs", "search", "--type", "noop", "--since", "5 minutes");

        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("--since '5 minutes' is not a duration"), run.err());
        assertTrue(run.err().contains("30s, 5m, 1h"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }

    @Test
    void anUnknownTypeIsABadUsageNamingTheTypesThereAre() throws Exception {
        Run run = run("dlq", "list", "nope");

        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("unknown job type 'nope'; the catalogue has:"), run.err());
        assertTrue(run.err().contains("webhook"), run.err());
    }

    @Test
    void aDestructiveVerbWithoutATerminalOrYesIsRefusedAndChangesNothing() throws Exception {
        Run pause = run("pause", "noop");

        assertEquals(2, pause.code(), pause.out() + pause.err());
        assertTrue(pause.err().contains("pass --yes to confirm"), pause.err());
        JsonNode report =
                SluiceJson.mapper().readTree(run("status", "noop", "--json").out());
        assertFalse(
                report.path("types").get(0).path("queues").get(0).path("paused").asBoolean());
    }

    @Test
    void pauseAndResumeWithYesSwitchTheRunningUpsConsumers() throws Exception {
        Run pause = run("pause", "noop", "--yes", "--json");
        assertEquals(0, pause.code(), pause.err());
        assertTrue(SluiceJson.mapper().readTree(pause.out()).path("paused").asBoolean());
        JsonNode paused =
                SluiceJson.mapper().readTree(run("status", "noop", "--json").out());
        assertTrue(
                paused.path("types").get(0).path("queues").get(0).path("paused").asBoolean());

        Run resume = run("resume", "noop");
        assertEquals(0, resume.code(), resume.err());
        assertTrue(resume.out().startsWith("resumed noop"), resume.out());
    }

    @Test
    void aSecondUpSaysAnotherSluiceLocalHoldsThePort() throws Exception {
        String lambdaPort = Integer.toString(Files.readString(stateDir.resolve(LocalState.FILE))
                .lines()
                .filter(l -> l.contains("\"lambda\""))
                .map(l -> l.replaceAll(".*:(\\d+)\".*", "$1"))
                .findFirst()
                .map(Integer::parseInt)
                .orElseThrow());

        Run second = run("up", "--lambda-port", lambdaPort);

        assertEquals(1, second.code(), second.out() + second.err());
        assertTrue(second.err().contains("another sluice-local (pid " + up.pid()), second.err());
        assertTrue(second.err().contains("holds port " + lambdaPort), second.err());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "up",
                "status",
                "dlq",
                "dlq list",
                "dlq show",
                "dlq redrive",
                "dlq discard",
                "pause",
                "resume",
                "jobs search",
                "jobs show",
                "enqueue",
                "cancel",
                "schedules list",
                "demo",
                "bench"
            })
    void everyCommandTakesHelp(String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        Run run = run(args.toArray(String[]::new));

        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("Usage: sluice-local " + command), run.out());
    }

    private Run run(String... args) throws Exception {
        ProcessBuilder pb = command(args);
        Path out = Files.createTempFile("sluice-cli", ".out");
        Path err = Files.createTempFile("sluice-cli", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "sluice-local " + String.join(" ", args) + " finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SLUICE_STATE_DIR", stateDir.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL"));
        return pb;
    }
}
