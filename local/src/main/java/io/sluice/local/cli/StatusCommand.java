package io.sluice.local.cli;

import io.sluice.ops.HistorySummary;
import io.sluice.ops.QueueStatus;
import io.sluice.ops.StatusReport;
import io.sluice.ops.TypeStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code status [TYPE]}: every type's queues by priority, paused state, schedules, last hour and settings. */
@Command(
        name = "status",
        description = "Queue depths, in flight, delayed and dead-lettered per type and priority, whether consumption is"
                + " paused, schedules, the last hour's outcomes and run times, and the catalogue's settings.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "One job type (default: every type).")
    String type;

    @Mixin
    OperatorVerb verb;

    @Override
    public Integer call() {
        StatusReport report = verb.run(ops -> type == null
                ? ops.status()
                : new StatusReport(ops.app(), ops.clock().instant(), List.of(ops.status(type))));
        if (verb.printedJson(report)) {
            return 0;
        }
        PrintWriter out = verb.out();
        List<List<String>> rows = new ArrayList<>();
        for (TypeStatus t : report.types()) {
            for (QueueStatus q : t.queues()) {
                rows.add(List.of(
                        t.type(),
                        q.priority().wireName(),
                        Long.toString(q.visible()),
                        Long.toString(q.inFlight()),
                        Long.toString(q.delayed()),
                        Long.toString(q.deadLettered()),
                        q.consumers().isEmpty() ? "no consumer" : q.paused() ? "PAUSED" : "running"));
            }
        }
        out.print(Output.table(
                List.of("TYPE", "PRIORITY", "VISIBLE", "IN FLIGHT", "DELAYED", "DEAD-LETTERED", "CONSUMPTION"), rows));
        out.println();
        List<List<String>> history = new ArrayList<>();
        for (TypeStatus t : report.types()) {
            HistorySummary h = t.lastHour();
            history.add(List.of(
                    t.type(),
                    Integer.toString(h.succeeded()) + (h.capped() ? "+" : ""),
                    Integer.toString(h.failedAttempts()),
                    h.deadLetteredByReason().isEmpty()
                            ? "0"
                            : h.deadLetteredByReason().toString().replaceAll("[{}]", ""),
                    h.successRate() == null ? "-" : String.format("%.1f%%", 100 * h.successRate()),
                    JobTable.duration(h.p50()),
                    JobTable.duration(h.p95())));
        }
        out.println("workers (last hour):");
        List<List<String>> workers = new ArrayList<>();
        for (TypeStatus t : report.types()) {
            var w = t.workers();
            String oldest = t.queues().stream()
                    .filter(q -> q.oldestMessageAge() != null)
                    .map(q -> q.priority().wireName() + " " + Output.age(q.oldestMessageAge()))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("-");
            workers.add(List.of(
                    t.type(),
                    w.function(),
                    (w.maxConcurrentExecutions() == null ? "-" : Long.toString(Math.round(w.maxConcurrentExecutions())))
                            + " of " + w.reservedConcurrency(),
                    Output.orNone(w.invocations()),
                    Output.orNone(w.errors()),
                    Output.orNone(w.throttles()),
                    oldest));
        }
        out.print(Output.table(
                List.of("TYPE", "FUNCTION", "CONCURRENT (MAX)", "INVOCATIONS", "ERRORS", "THROTTLES", "OLDEST MESSAGE"),
                workers));
        report.types().stream()
                .map(t -> t.workers().metricsError())
                .filter(e -> e != null)
                .findFirst()
                .ifPresent(e -> out.println("(" + e + ")"));
        out.println();
        out.println("last hour:");
        out.print(Output.table(
                List.of("TYPE", "SUCCEEDED", "FAILED ATTEMPTS", "DEAD-LETTERED", "SUCCESS", "P50", "P95"), history));
        out.println();
        List<List<String>> settings = new ArrayList<>();
        for (TypeStatus t : report.types()) {
            String schedules = t.schedules().isEmpty()
                    ? Output.orNone(t.settings().schedule())
                    : String.join(
                            ", ",
                            t.schedules().stream()
                                    .map(s -> s.name() + (s.paused() ? " (paused)" : ""))
                                    .toList());
            settings.add(List.of(
                    t.type(),
                    Integer.toString(t.settings().maxAttempts()),
                    t.settings().backoff(),
                    Integer.toString(t.settings().concurrency()),
                    t.settings().rateLimit(),
                    schedules));
        }
        out.println("settings:");
        out.print(Output.table(
                List.of("TYPE", "ATTEMPTS", "BACKOFF", "CONCURRENCY", "RATE LIMIT", "SCHEDULES"), settings));
        out.flush();
        return 0;
    }
}
