package io.sluice.local.cli;

import io.sluice.client.RecurringSchedule;
import io.sluice.job.Priority;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice-local schedules create NAME --expression E --type T [PAYLOAD]}: a run-time recurring schedule, through
 * the operations library (the producer client's {@code schedule}, with its checks): each firing enqueues one job whose
 * id is the schedule name and the firing time. Creating one that exists replaces it.
 */
@Command(
        name = "create",
        description = "Create (or replace) a recurring schedule that enqueues a job of TYPE at each firing.")
public final class SchedulesCreateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The schedule's name, unique in the app's group.")
    String name;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "PAYLOAD",
            description = "The job payload, a JSON object; @FILE reads it from a file (default: {}).")
    String payload = "{}";

    @Option(
            names = "--expression",
            required = true,
            paramLabel = "EXPR",
            description = "cron(...) with six fields, as EventBridge Scheduler reads it, or rate(...), e.g."
                    + " 'cron(0 2 * * ? *)', 'rate(15 minutes)'.")
    String expression;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "The job type, as in the catalogue.")
    String type;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            description = "IANA time zone the cron fields are read in, e.g. Europe/Paris (default: UTC).")
    String timezone;

    @Option(
            names = "--priority",
            paramLabel = "PRIORITY",
            converter = PriorityConverter.class,
            description = "A priority the type declares (default: the type's default).")
    Priority priority;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        String body = payloadText();
        RecurringSchedule created = verb.run(ops -> ops.schedule(name, expression, timezone, type, body, priority));
        if (verb.printedJson(created)) {
            return 0;
        }
        PrintWriter out = verb.out();
        out.println("schedule " + created.name() + ": " + created.expression() + " (" + created.timezone() + ") runs "
                + created.type() + " " + created.priority().wireName());
        out.flush();
        return 0;
    }

    private String payloadText() {
        if (!payload.startsWith("@")) {
            return payload;
        }
        Path file = Path.of(payload.substring(1));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the payload file " + file + ": " + e.getMessage(), e);
        }
    }
}
