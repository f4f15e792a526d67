package io.sluice.local.cli;

import io.sluice.ops.DisplayText;
import io.sluice.store.AttemptRecord;
import io.sluice.store.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders job history as plain-text tables for a terminal: {@link #details} for one job (a key/value
 * block, then its attempts), {@link #rows} for a page of jobs, one line each, kept under
 * {@value #MAX_ROW_WIDTH} characters by truncating the widest text with an ellipsis. Times are UTC;
 * durations read as "350 ms", "1.2 s", "2 min 5 s". An absent value prints as {@code -}.
 */
public final class JobTable {
    /** The widest a row of {@link #rows} gets. */
    public static final int MAX_ROW_WIDTH = 140;

    private static final String GAP = "  ";
    private static final String NONE = "-";
    private static final DateTimeFormatter PRECISE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Which page of jobs {@link #rows} lays out. */
    public enum View {
        /**
         * {@code jobs list}: one type, one state, so the row shows the state; the time is when the job last
         * changed state (its finish, else its latest attempt's end or start); the text is its result or reason.
         */
        LIST,
        /**
         * {@code jobs failures}: every job is dead-lettered but types differ, so the row shows the type; the
         * time is when the job was dead-lettered; the text is the reason and its detail.
         */
        FAILURES
    }

    private JobTable() {}

    /** One job: every field of its history, then a table of its attempts. */
    public static String details(JobRecord job) {
        List<String[]> fields = List.of(
                field("job id", job.jobId()),
                field("type", job.type()),
                field("priority", job.priority() == null ? null : job.priority().wireName()),
                field("state", job.state() == null ? null : job.state().wireName()),
                field("created", precise(job.createdAt())),
                field("started", precise(job.startedAt())),
                field("finished", precise(job.finishedAt())),
                field("queue latency", duration(job.queueLatency())),
                field("duration", duration(job.duration())),
                field("result", job.result()),
                field("dead-letter reason", job.deadLetterReason()),
                field("dead-letter detail", job.deadLetterDetail()),
                field("run at", precise(job.runAt())),
                field("idempotency key", job.idempotencyKey()),
                field("duplicate of", job.duplicateOf()),
                field("duplicates skipped", Integer.toString(job.duplicatesSkipped())),
                field("expires", precise(job.expiresAt())));
        int labelWidth = fields.stream().mapToInt(f -> f[0].length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (String[] f : fields) {
            text.append(pad(f[0], labelWidth)).append(GAP).append(f[1]).append('\n');
        }
        text.append('\n');
        if (job.attempts().isEmpty()) {
            return text.append("attempts: none\n").toString();
        }
        text.append("attempts:\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "STARTED", "ENDED", "OUTCOME", "ERROR"});
        for (AttemptRecord a : job.attempts()) {
            rows.add(new String[] {
                Integer.toString(a.number()),
                precise(a.startedAt()),
                precise(a.endedAt()),
                a.outcome() == null ? "running" : a.outcome(),
                orNone(a.error())
            });
        }
        // The error column is last and left whole: `get` is where a full error summary is read.
        return text.append(layout(rows, "  ", Integer.MAX_VALUE)).toString();
    }

    /** One line per job: id, state or type, priority, attempts, a time and the result or reason, under the width limit. */
    public static String rows(List<JobRecord> jobs, View view) {
        boolean list = view == View.LIST;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "JOB ID",
            list ? "STATE" : "TYPE",
            "PRIORITY",
            "ATTEMPTS",
            list ? "CHANGED" : "FINISHED",
            list ? "RESULT / REASON" : "REASON"
        });
        for (JobRecord job : jobs) {
            rows.add(new String[] {
                orNone(job.jobId()),
                list ? (job.state() == null ? NONE : job.state().wireName()) : orNone(job.type()),
                job.priority() == null ? NONE : job.priority().wireName(),
                Integer.toString(job.attempts().size()),
                brief(list ? changedAt(job) : job.finishedAt()),
                outcome(job)
            });
        }
        return layout(rows, "", MAX_ROW_WIDTH);
    }

    /** Human-friendly: "350 ms", "1.2 s", "2 min 5 s", "3 h 20 min", "2 d 4 h"; {@code -} when absent. */
    public static String duration(Duration d) {
        if (d == null) {
            return NONE;
        }
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3_600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86_400) {
            return s / 3_600 + " h" + (s % 3_600 / 60 == 0 ? "" : " " + s % 3_600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3_600 == 0 ? "" : " " + s % 86_400 / 3_600 + " h");
    }

    /** What a job came to, in a few words: its result, why it was dead-lettered, when it will run, whom it duplicates. */
    static String outcome(JobRecord job) {
        if (job.state() == null) {
            return NONE;
        }
        List<AttemptRecord> attempts = job.attempts();
        String lastError =
                attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).error();
        String text = switch (job.state()) {
            case SUCCEEDED -> job.result();
            case DEAD_LETTERED ->
                job.deadLetterReason() == null
                        ? null
                        : job.deadLetterReason()
                                + (isBlank(job.deadLetterDetail()) ? "" : ": " + job.deadLetterDetail());
            case DEFERRED -> job.runAt() == null ? null : "runs at " + brief(job.runAt());
            case RETRYING -> lastError;
            case DUPLICATE_SKIPPED -> job.duplicateOf() == null ? null : "duplicate of " + job.duplicateOf();
            case CANCELLED ->
                job.finishedAt() == null ? "cancelled before it started" : "cancelled " + brief(job.finishedAt());
            case RUNNING, RECEIVED -> null;
        };
        return orNone(text);
    }

    /** When a job last changed state, as far as its record tells. */
    static Instant changedAt(JobRecord job) {
        if (job.finishedAt() != null) {
            return job.finishedAt();
        }
        for (int i = job.attempts().size() - 1; i >= 0; i--) {
            AttemptRecord a = job.attempts().get(i);
            if (a.endedAt() != null || a.startedAt() != null) {
                return a.endedAt() != null ? a.endedAt() : a.startedAt();
            }
        }
        return job.startedAt() != null ? job.startedAt() : job.createdAt();
    }

    /**
     * Left-aligned columns separated by two spaces. When a row would be wider than {@code maxWidth}, the
     * last column is cut first, then the first (job ids can be long), each down to a floor, with "…".
     */
    private static String layout(List<String[]> raw, String indent, int maxWidth) {
        // Every cell shown through DisplayText: ids, results, reasons and errors come from producers and handlers.
        List<String[]> rows = new ArrayList<>();
        for (String[] row : raw) {
            String[] shown = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                shown[c] = DisplayText.escape(row[c].replace('\n', ' ').replace('\r', ' '));
            }
            rows.add(shown);
        }
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int total = indent.length() + GAP.length() * (columns - 1);
        for (int w : widths) {
            total += w;
        }
        int last = columns - 1;
        if (total > maxWidth) {
            int cut = Math.min(total - maxWidth, widths[last] - Math.min(widths[last], 20));
            widths[last] -= cut;
            total -= cut;
        }
        if (total > maxWidth) {
            int cut = Math.min(total - maxWidth, widths[0] - Math.min(widths[0], 12));
            widths[0] -= cut;
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                String cell = fit(row[c], widths[c]);
                line.append(c == last ? cell : pad(cell, widths[c]));
                if (c < last) {
                    line.append(GAP);
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String fit(String text, int width) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= width ? oneLine : oneLine.substring(0, Math.max(0, width - 1)) + "…";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String[] field(String label, String value) {
        return new String[] {label, DisplayText.escape(orNone(value))};
    }

    private static String brief(Instant instant) {
        return instant == null ? NONE : SHORT.format(instant);
    }

    private static String precise(Instant instant) {
        return instant == null ? NONE : PRECISE.format(instant);
    }

    private static String orNone(String value) {
        return isBlank(value) ? NONE : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
