package io.sluice.schedule;

import java.util.List;
import java.util.Objects;

/**
 * The values one plain cron field (minutes, hours, month or year) allows, after its lists, ranges, steps
 * and names are expanded: {@code 0/15} in minutes is {@code [0, 15, 30, 45]}, {@code JAN-MAR} in month is
 * {@code [1, 2, 3]}.
 *
 * @param values the allowed values, ascending, without repeats, never empty
 */
public record CronField(List<Integer> values) {
    public CronField {
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a cron field allows at least one value");
        }
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                throw new IllegalArgumentException("cron field values must ascend without repeats, were " + values);
            }
        }
    }

    /** Whether the field allows {@code value}. */
    public boolean allows(int value) {
        return values.contains(value);
    }

    /** The smallest allowed value at or above {@code from}, or -1 when there is none. */
    int nextOrSame(int from) {
        for (int v : values) {
            if (v >= from) {
                return v;
            }
        }
        return -1;
    }

    /** The smallest allowed value. */
    int first() {
        return values.get(0);
    }
}
