package io.sluice.console;

import io.sluice.client.RecurringSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's recurring schedules, the catalogue's and those made at run time, with their next fire times, pause and
 * resume (through the target type, as {@code sluice pause} does) and deletion of run-time ones.
 */
final class SchedulesPage {
    private final Layout layout;

    SchedulesPage(Layout layout) {
        this.layout = layout;
    }

    ConsoleResponse render(String notice) {
        Map<String, Object> scope = layout.scope("Schedules");
        scope.put("notice", notice);
        Instant now = layout.ops().clock().instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RecurringSchedule s : layout.ops().schedules()) {
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
        return layout.page("schedules", scope);
    }
}
