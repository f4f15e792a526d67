package io.sluice.console;

import io.sluice.client.RecurringSchedule;
import io.sluice.client.SchedulePage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's recurring schedules, the catalogue's and those made at run time, with their next fire times, pause and
 * resume (through the target type, as {@code sluice pause} does) and deletion of run-time ones. Paged: the group also
 * holds every one-time job schedule (ten thousand of them are a normal burst), so one console page reads at most
 * {@link #MAX_READS} Scheduler pages of {@link #READ_SIZE} and links to the next; it answers in bounded time whatever
 * the group's size.
 */
final class SchedulesPage {
    /** Schedules one console page shows at most, before it links to the next. */
    static final int ROWS = 50;
    /** Scheduler's largest ListSchedules page. */
    static final int READ_SIZE = 100;
    /** Scheduler pages one console page reads at most. */
    static final int MAX_READS = 10;

    private final Layout layout;

    SchedulesPage(Layout layout) {
        this.layout = layout;
    }

    /** @param pageToken where the page starts ({@code null}: the first page) */
    ConsoleResponse render(String notice, String pageToken) {
        Map<String, Object> scope = layout.scope("Schedules");
        scope.put("notice", notice);
        Instant now = layout.ops().clock().instant();
        List<RecurringSchedule> schedules = new ArrayList<>();
        String token = pageToken;
        for (int reads = 0; reads < MAX_READS && schedules.size() < ROWS; reads++) {
            SchedulePage page = layout.ops().schedules(token, READ_SIZE);
            schedules.addAll(page.schedules());
            token = page.nextToken();
            if (token == null) {
                break;
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RecurringSchedule s : schedules) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("expression", s.expression());
            row.put("timezone", s.timezone() == null ? "UTC" : s.timezone());
            row.put("type", s.type() == null ? "" : s.type());
            row.put("priority", s.priority() == null ? "" : s.priority().wireName());
            row.put("enabled", s.enabled());
            row.put(
                    "next",
                    s.enabled()
                            ? Schedules.nextFire(s.expression(), s.timezone(), s.created(), now)
                                    .orElse("")
                            : "paused");
            row.put("origin", s.declaredByCatalogue() ? "catalogue" : "run time");
            row.put("deletable", !s.declaredByCatalogue());
            rows.add(row);
        }
        scope.put("schedules", rows);
        scope.put("hasSchedules", !rows.isEmpty());
        scope.put("more", token != null);
        scope.put("nextPage", token == null ? "" : URLEncoder.encode(token, StandardCharsets.UTF_8));
        scope.put("firstPage", pageToken == null);
        return layout.page("schedules", scope);
    }
}
