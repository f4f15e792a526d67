package io.sluice.local.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders schedules as a plain-text table for a terminal, one line each: name, group, expression, time zone,
 * next fire time (UTC), state and target queue, in left-aligned columns two spaces apart. An absent value
 * (no next fire time: a disabled schedule, a one-time schedule whose time has passed) prints as {@code -}.
 */
public final class ScheduleTable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String[] HEADER = {"NAME", "GROUP", "EXPRESSION", "TIMEZONE", "NEXT FIRE", "STATE", "TARGET"};

    /**
     * One schedule's line.
     *
     * @param nextFire {@code null} when it will not fire again
     * @param target the queue's name, or the ARN of a target that is not a queue
     */
    public record Row(
            String name,
            String group,
            String expression,
            String timezone,
            Instant nextFire,
            String state,
            String target) {}

    private ScheduleTable() {}

    /** The schedules under a header, through {@link Output#table} (aligned, every cell's control characters escaped). */
    public static String rows(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(java.util.Arrays.asList(
                    r.name(),
                    r.group(),
                    r.expression(),
                    r.timezone(),
                    r.nextFire() == null ? "-" : TIME.format(r.nextFire()),
                    r.state(),
                    r.target()));
        }
        return Output.table(List.of(HEADER), cells);
    }
}
