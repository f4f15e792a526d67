package io.sluice.console;

import io.sluice.ops.DeadLetter;
import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.DeadLetterPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A type's dead letters, read without consuming them: reason, detail, attempts, age and job per message, with
 * retry and discard for one, the selected, or every message of a reason (each confirmed first, by {@link Actions}).
 */
final class DeadLettersPage {
    static final int LIMIT = 200;

    private final Layout layout;

    DeadLettersPage(Layout layout) {
        this.layout = layout;
    }

    ConsoleResponse render(String type, String notice) {
        DeadLetterPage page = layout.ops().deadLetters(type, null, DeadLetterFilter.ALL, LIMIT, false);
        Map<String, Object> scope = layout.scope("Dead letters of " + type);
        scope.put("type", type);
        scope.put("notice", notice);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Integer> byReason = new TreeMap<>();
        for (DeadLetter d : page.deadLetters()) {
            String reason = d.reason() == null ? DeadLetterFilter.NO_REASON : d.reason();
            byReason.merge(reason, 1, Integer::sum);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("messageId", d.messageId());
            row.put("jobId", d.jobId() == null ? "" : d.jobId());
            row.put("hasJobId", d.jobId() != null);
            row.put("priority", d.priority() == null ? "" : d.priority().wireName());
            row.put("reason", reason);
            row.put("detail", d.detail() == null ? "" : d.detail());
            row.put("attempts", d.attempts() == null ? "" : d.attempts().toString());
            row.put("age", Display.age(d.age()));
            row.put("size", Display.bytes(d.bodyBytes()));
            rows.add(row);
        }
        List<Map<String, Object>> reasons = new ArrayList<>();
        byReason.forEach((reason, count) -> reasons.add(Map.of("reason", reason, "count", count)));
        scope.put("deadLetters", rows);
        scope.put("hasDeadLetters", !rows.isEmpty());
        scope.put("reasons", reasons);
        scope.put("count", rows.size());
        scope.put("approximateTotal", page.approximateTotal());
        scope.put("truncated", page.truncated());
        return layout.page("dead-letters", scope);
    }
}
