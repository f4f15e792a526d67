package io.sluice.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sluice.envelope.SluiceJson;
import io.sluice.ops.DisplayText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * How the operator commands print: aligned columns for people, or {@code --json} (the operations library's records
 * as Jackson writes them, ISO-8601 times and durations, the same shapes as the HTTP API) for scripts.
 */
final class Output {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Output() {}

    static void json(PrintWriter out, Object value) {
        try {
            out.println(SluiceJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /**
     * Rows under a header, each column as wide as its widest cell. Every cell is shown through
     * {@link DisplayText#escape}: ids, reasons and details come from producers, and a terminal obeys the escape
     * sequences in them.
     */
    static String table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> row : rows) {
            all.add(row.stream()
                    .map(cell -> cell == null ? "" : DisplayText.escape(cell))
                    .toList());
        }
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]) + "  ");
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /** {@code 42s}, {@code 5m 3s}, {@code 2h 10m}, {@code 3d 4h}. */
    static String age(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    static String orNone(Object v) {
        return v == null ? "-" : v.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
