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
                    .filter(QueueRow::isOld)
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
        return fragment ? layout.page("overview-body", scope) : layout.page("overview", scope);
    }

    private static Map<String, Object> type(TypeStatus type, Activity activity) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", type.type());
        t.put("queues", type.queues().stream().map(QueueRow::of).toList());
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
