package io.sluice.console;

import io.sluice.job.Priority;
import io.sluice.ops.DurationText;
import io.sluice.ops.QueueStatus;
import io.sluice.ops.ScheduleStatus;
import io.sluice.ops.TypeSettings;
import io.sluice.ops.TypeStatus;
import io.sluice.store.JobRecord;
import io.sluice.store.JobSearch;
import io.sluice.store.JobState;
import io.sluice.store.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One type: its queues with pause and resume, its settings from the catalogue, its schedules, the last hour's
 * failures by reason, and its recent jobs in every state, filtered by state, time range, source, idempotency key or
 * job-id prefix (each a key query through the operations library, newest first, paged).
 */
final class TypePage {
    static final int PAGE_SIZE = 50;

    private final Layout layout;

    TypePage(Layout layout) {
        this.layout = layout;
    }

    ConsoleResponse render(String type, ConsoleRequest request, String notice) {
        TypeStatus status = layout.ops().status(type);
        Map<String, Object> scope = layout.scope(type);
        scope.put("type", type);
        scope.put("notice", notice);
        scope.put("paused", status.paused());
        scope.put("anyPaused", status.queues().stream().anyMatch(QueueStatus::paused));
        scope.put("queues", status.queues().stream().map(QueueRow::of).toList());
        scope.put("settings", settings(status.settings()));
        Instant now = layout.ops().clock().instant();
        scope.put(
                "schedules",
                status.schedules().stream().map(s -> schedule(s, now)).toList());
        scope.put("hasSchedules", !status.schedules().isEmpty());
        List<Map<String, Object>> reasons = new ArrayList<>();
        status.lastHour()
                .deadLetteredByReason()
                .forEach((reason, count) -> reasons.add(Map.of("reason", reason, "count", count)));
        scope.put("reasons", reasons);
        scope.put("hasReasons", !reasons.isEmpty());

        Optional<String> state = request.param("state");
        Optional<String> since = request.param("since");
        Instant from = since.map(s -> now.minus(DurationText.parse("since", s))).orElse(null);
        JobSearch search = new JobSearch(
                type,
                state.map(JobState::fromWire).orElse(null),
                from,
                null,
                request.param("source").orElse(null),
                request.param("key").orElse(null),
                request.param("prefix").orElse(null));
        Page<JobRecord> page =
                layout.ops().search(search, PAGE_SIZE, request.param("page").orElse(null));
        scope.put("jobs", page.items().stream().map(TypePage::job).toList());
        scope.put("hasJobs", !page.items().isEmpty());
        scope.put("next", page.nextPageToken());
        scope.put("states", states(state.orElse("")));
        scope.put("since", since.orElse(""));
        scope.put("source", request.param("source").orElse(""));
        scope.put("key", request.param("key").orElse(""));
        scope.put("prefix", request.param("prefix").orElse(""));
        scope.put("filterQuery", filterQuery(request));
        return layout.page("type", scope);
    }

    private static List<Map<String, Object>> settings(TypeSettings s) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(Map.of("name", "Max attempts", "value", s.maxAttempts()));
        rows.add(Map.of("name", "Backoff", "value", s.backoff()));
        rows.add(Map.of("name", "Timeout", "value", s.timeout().toString()));
        rows.add(Map.of("name", "Concurrency", "value", s.concurrency()));
        rows.add(Map.of("name", "Batch size", "value", s.batchSize()));
        rows.add(Map.of("name", "FIFO", "value", s.fifo() ? "yes" : "no"));
        rows.add(Map.of("name", "Rate limit", "value", s.rateLimit()));
        rows.add(Map.of("name", "Schedule", "value", s.schedule() == null ? "none" : s.schedule()));
        return rows;
    }

    private static Map<String, Object> schedule(ScheduleStatus s, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", s.name());
        row.put("expression", s.expression());
        row.put("timezone", s.timezone() == null ? "UTC" : s.timezone());
        row.put("state", s.state());
        row.put("next", Schedules.nextFire(s.expression(), s.timezone(), now).orElse(""));
        return row;
    }

    static Map<String, Object> job(JobRecord j) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("jobId", j.jobId());
        row.put("state", j.state().wireName());
        row.put("priority", j.priority() == null ? "" : j.priority().wireName());
        row.put("attempts", j.attempts().size());
        row.put("created", Display.time(j.createdAt()));
        row.put("finished", Display.time(j.finishedAt()));
        row.put("duration", Display.duration(j.duration()));
        row.put("reason", j.deadLetterReason() == null ? "" : j.deadLetterReason());
        row.put("source", j.source() == null ? "" : j.source());
        return row;
    }

    private static List<Map<String, Object>> states(String selected) {
        List<Map<String, Object>> states = new ArrayList<>();
        states.add(Map.of("value", "", "label", "every state", "selected", selected.isEmpty()));
        for (JobState s : JobState.values()) {
            states.add(Map.of(
                    "value",
                    s.wireName(),
                    "label",
                    s.wireName(),
                    "selected",
                    s.wireName().equals(selected)));
        }
        return states;
    }

    /** The current filters as a query string, for the next-page link. */
    private static String filterQuery(ConsoleRequest request) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("state", "since", "source", "key", "prefix")) {
            request.param(name)
                    .ifPresent(v -> q.append('&')
                            .append(name)
                            .append('=')
                            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return q.toString();
    }

    /** The priority a form names, or {@code null} for the whole type. */
    static Priority priority(Optional<String> text) {
        return text.map(Priority::fromWire).orElse(null);
    }
}
