package io.sluice.console;

import io.sluice.ops.Activity;
import io.sluice.ops.HistorySummary;
import io.sluice.ops.QueueStatus;
import io.sluice.ops.TypeOverview;
import io.sluice.ops.TypeStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview: every type and priority with its queue depths and pause state, each type's last hour in numbers and
 * in a small chart per minute, and highlights where an operator should look (a dead-letter queue that is not empty,
 * a paused type). htmx reloads its body every few seconds.
 */
final class OverviewPage {
    private final Layout layout;

    OverviewPage(Layout layout) {
        this.layout = layout;
    }

    ConsoleResponse render(boolean fragment) {
        Map<String, Object> scope = layout.scope("Overview");
        // One history read per type gives both the last hour's figures and its chart (every refresh pays it).
        List<TypeOverview> overview = layout.ops().overview();
        List<Map<String, Object>> types = new ArrayList<>();
        List<String> highlights = new ArrayList<>();
        for (TypeOverview entry : overview) {
            TypeStatus type = entry.status();
            types.add(type(type, entry.activity()));
            long dead =
                    type.queues().stream().mapToLong(QueueStatus::deadLettered).sum();
            if (dead > 0) {
                highlights.add(type.type() + ": " + dead + " dead letter" + (dead == 1 ? "" : "s") + " waiting");
            }
            type.queues().stream()
                    .filter(OverviewPage::isOld)
                    .forEach(
                            q -> highlights.add(type.type() + " " + q.priority().wireName() + ": the oldest message"
                                    + " has waited " + Display.age(q.oldestMessageAge())));
            type.queues().stream()
                    .filter(QueueStatus::paused)
                    .forEach(
                            q -> highlights.add(type.type() + " " + q.priority().wireName() + " is paused"));
        }
        scope.put("typeStatus", types);
        scope.put("highlights", highlights);
        scope.put("hasHighlights", !highlights.isEmpty());
        scope.put("at", Display.time(layout.ops().clock().instant()));
        return fragment ? layout.fragment("overview-body", scope) : layout.page("overview", scope);
    }

    /**
     * Whether a queue's oldest message has waited as long as the CDK's oldest-message alarm waits by default (15
     * minutes): older than retries explain. Unknown ages (sluice-local has no SQS metrics) are never old.
     */
    static boolean isOld(QueueStatus q) {
        return q.oldestMessageAge() != null && q.oldestMessageAge().compareTo(OLD) >= 0;
    }

    static final java.time.Duration OLD = java.time.Duration.ofMinutes(15);

    private static Map<String, Object> type(TypeStatus type, Activity activity) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", type.type());
        List<Map<String, Object>> queues = new ArrayList<>();
        for (QueueStatus q : type.queues()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("priority", q.priority().wireName());
            row.put("visible", q.visible());
            row.put("inFlight", q.inFlight());
            row.put("delayed", q.delayed());
            row.put("deadLettered", q.deadLettered());
            row.put("hasDeadLetters", q.deadLettered() > 0);
            row.put("oldest", q.oldestMessageAge() == null ? "–" : Display.age(q.oldestMessageAge()));
            row.put("old", isOld(q));
            row.put("paused", q.paused());
            queues.add(row);
        }
        t.put("queues", queues);
        t.put("paused", type.paused());
        HistorySummary h = type.lastHour();
        int dead = h.deadLetteredByReason().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        t.put("succeeded", h.succeeded());
        t.put("failedAttempts", h.failedAttempts());
        t.put("deadLetteredLastHour", dead);
        t.put(
                "successRate",
                h.successRate() == null ? "" : String.format(java.util.Locale.ROOT, "%.0f%%", h.successRate() * 100));
        t.put("p50", h.p50() == null ? "–" : Display.duration(h.p50()));
        t.put("p95", h.p95() == null ? "–" : Display.duration(h.p95()));
        t.put("chart", ChartData.json(activity));
        t.put(
                "chartLabel",
                "Last hour of " + type.type() + " per minute: " + h.succeeded() + " succeeded, " + h.failedAttempts()
                        + " failed attempts, " + dead + " dead-lettered");
        return t;
    }
}
