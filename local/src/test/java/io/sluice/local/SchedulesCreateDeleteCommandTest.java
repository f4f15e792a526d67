package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.local.cli.SluiceLocal;
import io.sluice.local.scheduler.Schedule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * {@code sluice-local schedules create | delete} as a user runs them against a running sluice-local (its SQS, moto
 * and Scheduler emulator), through the operations library, output captured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulesCreateDeleteCommandTest {
    private LocalHarness harness;

    @BeforeAll
    void start() {
        harness = LocalHarness.start(List.of("noop"), Map.of());
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private record Run(int code, String out, String err) {}

    private Run schedules(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SluiceLocal.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new java.util.ArrayList<>(List.of("schedules"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--sqs-endpoint", harness.runtime.sqsEndpoint().toString(),
                "--dynamodb-endpoint", harness.runtime.dynamoDbEndpoint().toString(),
                "--scheduler-endpoint", harness.runtime.scheduler().endpoint().toString()));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Optional<Schedule> stored(String name) {
        return harness.runtime.scheduler().registry().all().stream()
                .filter(s -> s.name().equals(name))
                .findFirst();
    }

    @Test
    void createMakesARecurringScheduleIntoTheTypesQueueAndDeleteRemovesIt() {
        Run created = schedules(
                "create",
                "nightly-note",
                "{\"note\":\"nightly\"}",
                "--expression",
                "cron(0 2 * * ? *)",
                "--timezone",
                "Europe/Paris",
                "--type",
                "noop");

        assertEquals(0, created.code(), created.err());
        assertEquals("schedule nightly-note: cron(0 2 * * ? *) (Europe/Paris) runs noop normal\n", created.out());
        Schedule schedule = stored("nightly-note").orElseThrow();
        assertEquals("cron(0 2 * * ? *)", schedule.definition().expression());
        assertTrue(schedule.definition().target().arn().endsWith(":sluice-noop-normal"), schedule.toString());
        assertTrue(schedule.definition().target().input().contains("\"note\":\"nightly\""), schedule.toString());

        Run deleted = schedules("delete", "nightly-note", "--yes");
        assertEquals(0, deleted.code(), deleted.err());
        assertEquals("deleted schedule nightly-note\n", deleted.out());
        assertTrue(stored("nightly-note").isEmpty());

        Run again = schedules("delete", "nightly-note", "--yes");
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("sluice-local: no recurring schedule 'nightly-note'"), again.err());
        assertEquals(1, again.err().lines().count(), again.err());

        // --json, as every operator verb takes it: the deletion as JSON, nothing else on stdout.
        assertEquals(
                0,
                schedules("create", "json-note", "{}", "--expression", "rate(1 hour)", "--type", "noop")
                        .code());
        Run json = schedules("delete", "json-note", "--yes", "--json");
        assertEquals(0, json.code(), json.err());
        assertEquals("{\n  \"deleted\" : \"json-note\"\n}\n", json.out());
        assertTrue(stored("json-note").isEmpty());
    }

    @Test
    void aBadExpressionTypeOrPayloadIsAUsageErrorOfOneLineNamingWhatWasWrong() {
        Run expression = schedules("create", "bad-expr", "--expression", "every day", "--type", "noop");
        // A malformed --expression is a usage error (exit 2), as every option value the CLI cannot read.
        assertEquals(2, expression.code(), expression.err());
        assertEquals(
                "sluice-local: every day: is not a schedule expression; use at(yyyy-mm-ddThh:mm:ss), rate(value unit)"
                        + " or cron(minutes hours day-of-month month day-of-week year)\n",
                expression.err());

        Run type = schedules("create", "bad-type", "--expression", "rate(1 hour)", "--type", "nope");
        assertEquals(2, type.code(), type.err());
        assertTrue(type.err().startsWith("sluice-local: unknown job type 'nope'; the catalogue has: "), type.err());
        assertTrue(type.err().contains("noop"), type.err());
        assertEquals(1, type.err().lines().count(), type.err());

        Run payload = schedules("create", "bad-json", "{not json", "--expression", "rate(1 hour)", "--type", "noop");
        assertEquals(2, payload.code(), payload.err());
        assertTrue(payload.err().startsWith("sluice-local: the payload is not JSON"), payload.err());
        assertTrue(stored("bad-expr").isEmpty()
                && stored("bad-type").isEmpty()
                && stored("bad-json").isEmpty());
    }
}
