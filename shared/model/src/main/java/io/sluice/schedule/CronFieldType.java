package io.sluice.schedule;

import java.util.List;

/**
 * The six fields of an AWS cron expression in order, each with its range, its names and the wildcards
 * EventBridge allows in it (the table of the cron expressions reference).
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html">Cron expressions reference</a>
 */
enum CronFieldType {
    MINUTES("minutes", 0, 59, List.of(), ", - * /"),
    HOURS("hours", 0, 23, List.of(), ", - * /"),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of(), ", - * ? / L W"),
    MONTH(
            "month",
            1,
            12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
            ", - * /"),
    DAY_OF_WEEK("day-of-week", 1, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"), ", - * ? L #"),
    YEAR("year", 1970, 2199, List.of(), ", - * /");

    final String label;
    final int min;
    final int max;
    /** Names for min, min+1, ...; empty when the field takes numbers only. */
    final List<String> names;

    final String wildcards;

    CronFieldType(String label, int min, int max, List<String> names, String wildcards) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
        this.wildcards = wildcards;
    }

    /** {@code 0-59}, or {@code 1-12 or JAN-DEC}: what a value of this field may be. */
    String range() {
        return min + "-" + max + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1));
    }

    boolean allowsStep() {
        return wildcards.contains("/");
    }
}
