package io.sluice.console;

import io.sluice.ops.DeadLetter;
import io.sluice.ops.JobView;
import io.sluice.store.AttemptRecord;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job: its envelope's fields, its attempts as a timeline (start, end, outcome, error, deferrals), its result, and
 * where it is now (queue, dead-letter queue, schedule, done). The payload stays hidden until asked for, and is
 * shown with its size only while a dead-letter queue holds it (history never keeps payloads). Cancel is offered
 * while the job has not started; retry while its dead letter waits.
 */
final class JobPage {
    private final Layout layout;

    JobPage(Layout layout) {
        this.layout = layout;
    }

    ConsoleResponse render(String jobId, boolean showPayload, String notice) {
        JobView view = layout.ops().job(jobId);
        Map<String, Object> scope = layout.scope("Job " + jobId);
        scope.put("jobId", view.jobId());
        scope.put("notice", notice);
        scope.put("location", view.location());
        List<Map<String, Object>> fields = new ArrayList<>();
        JobRecord h = view.history();
        DeadLetter d = view.deadLetter();
        String type = h != null ? h.type() : d != null ? d.type() : null;
        scope.put("type", type == null ? "" : type);
        scope.put("hasType", type != null);
        if (h != null) {
            field(fields, "Type", h.type());
            field(fields, "Priority", h.priority() == null ? null : h.priority().wireName());
            field(fields, "State", h.state().wireName());
            field(fields, "Source", h.source());
            if (h.idempotencyKey() != null && !h.idempotencyKey().equals(h.jobId())) {
                field(fields, "Idempotency key", h.idempotencyKey());
            }
            field(fields, "Created", Display.time(h.createdAt()));
            field(fields, "Started", Display.time(h.startedAt()));
            field(fields, "Finished", Display.time(h.finishedAt()));
            field(fields, "Waited in queue", Display.duration(h.queueLatency()));
            field(fields, "Ran for", Display.duration(h.duration()));
            field(fields, "Runs at", Display.time(h.runAt()));
            field(fields, "Result", h.result());
            // A redriven job that then succeeded keeps its old reason in history; its attempts show it.
            if (h.state() == JobState.DEAD_LETTERED) {
                field(fields, "Dead-letter reason", h.deadLetterReason());
                field(fields, "Dead-letter detail", h.deadLetterDetail());
            }
            field(fields, "Duplicate of", h.duplicateOf());
            field(fields, "History kept until", Display.time(h.expiresAt()));
            scope.put("attempts", attempts(h));
            scope.put("hasAttempts", !h.attempts().isEmpty());
        }
        if (view.scheduledFor() != null) {
            field(fields, "Scheduled for", Display.time(view.scheduledFor()));
        }
        if (view.discardedAt() != null) {
            field(fields, "Discarded", Display.time(view.discardedAt()));
        }
        if (d != null) {
            field(fields, "In dead-letter queue since", Display.time(d.deadLetteredAt()));
            field(fields, "Dead-letter queue message", d.messageId());
            if (h == null) {
                field(fields, "Type", d.type());
                field(fields, "Reason", d.reason());
                field(fields, "Detail", d.detail());
                field(
                        fields,
                        "Attempts",
                        d.attempts() == null ? null : d.attempts().toString());
            }
            scope.put("payloadBytes", Display.bytes(d.bodyBytes()));
            scope.put("hasPayload", true);
            if (showPayload) {
                scope.put(
                        "payload",
                        layout.ops().deadLetter(d.type(), d.messageId(), true).body());
            }
        }
        scope.put("fields", fields);
        scope.put("canCancel", notStarted(view));
        scope.put("canRetry", d != null);
        return layout.page("job", scope);
    }

    /** Cancel is offered for jobs that have not run: scheduled, queued without history, received or deferred. */
    private static boolean notStarted(JobView view) {
        if (view.scheduledFor() != null) {
            return true;
        }
        JobRecord h = view.history();
        return h != null && (h.state() == JobState.RECEIVED || h.state() == JobState.DEFERRED) && h.startedAt() == null;
    }

    private static List<Map<String, Object>> attempts(JobRecord h) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AttemptRecord a : h.attempts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", a.number());
            row.put("started", Display.time(a.startedAt()));
            row.put("ended", Display.time(a.endedAt()));
            row.put("outcome", a.outcome() == null ? "" : a.outcome());
            row.put("error", a.error() == null ? "" : a.error());
            row.put("failed", "failed".equals(a.outcome()));
            rows.add(row);
        }
        return rows;
    }

    private static void field(List<Map<String, Object>> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.add(Map.of("name", name, "value", value));
        }
    }
}
