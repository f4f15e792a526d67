package io.sluice.infra.monitoring;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to change in a job type's {@link AlarmThresholds}: a value given replaces the type's default, a value left
 * {@code null} keeps it. Given per type, or for every type (see {@code JobSettings}); the type's own value wins.
 * Each value is checked against its allowed range when the settings are built, and an error repeats the value.
 *
 * @param oldestMessageAge fire when a job has waited in its queue longer than this; from PT1M to P14D (SQS keeps a
 *     message 14 days at most); default {@code null}: 15 minutes, or what the type's retries and rate limit explain
 *     (see {@link AlarmThresholds})
 * @param errorRatePercent fire when more than this share of attempts fail, in two of three 5-minute periods; above 0
 *     and at most 100; default {@code null}: 10
 */
public record AlarmSettings(Duration oldestMessageAge, Double errorRatePercent) {
    /** No change: every threshold keeps its default. */
    public static final AlarmSettings NONE = new AlarmSettings(null, null);
    /** The settings' names, as {@link #parse} takes them. */
    public static final List<String> KEYS = List.of("errorRatePercent", "oldestMessageAge");

    public AlarmSettings {
        if (oldestMessageAge != null) {
            AlarmThresholds.requireAge(oldestMessageAge);
        }
        if (errorRatePercent != null) {
            AlarmThresholds.requireRate(errorRatePercent);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings given as text, as CDK context gives them: {@code oldestMessageAge} an ISO-8601 duration such as
     * {@code PT30M}, {@code errorRatePercent} a number such as {@code 5} or {@code 2.5}.
     *
     * @param source where the settings came from, for error messages, for example {@code sluice:alarms.webhook}
     * @throws IllegalArgumentException naming the source, key and value for an unknown key or a bad value
     */
    public static AlarmSettings parse(Map<String, String> settings, String source) {
        Duration age = null;
        Double rate = null;
        for (Map.Entry<String, String> e : new TreeMap<>(settings).entrySet()) {
            String where = source + "." + e.getKey() + "='" + e.getValue() + "'";
            try {
                switch (e.getKey()) {
                    case "oldestMessageAge" -> age = Duration.parse(e.getValue().trim());
                    case "errorRatePercent" ->
                        rate = Double.parseDouble(e.getValue().trim());
                    default ->
                        throw new IllegalArgumentException(
                                where + " is not an alarm setting; known: " + String.join(", ", KEYS));
                }
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException(where + " is not an ISO-8601 duration such as PT30M", ex);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(where + " is not a number such as 5 or 2.5", ex);
            }
        }
        try {
            return new AlarmSettings(age, rate);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    /** These settings, with {@code fallback}'s value wherever this leaves one unset. */
    public AlarmSettings orElse(AlarmSettings fallback) {
        return new AlarmSettings(
                oldestMessageAge != null ? oldestMessageAge : fallback.oldestMessageAge(),
                errorRatePercent != null ? errorRatePercent : fallback.errorRatePercent());
    }

    /** Builds {@link AlarmSettings}; a threshold not set keeps its default. */
    public static final class Builder {
        private Duration oldestMessageAge;
        private Double errorRatePercent;

        private Builder() {}

        /** @param value from PT1M to P14D */
        public Builder oldestMessageAge(Duration value) {
            oldestMessageAge = value;
            return this;
        }

        /** @param value above 0 and at most 100 */
        public Builder errorRatePercent(double value) {
            errorRatePercent = value;
            return this;
        }

        /** @throws IllegalArgumentException repeating a value outside its range, and the range */
        public AlarmSettings build() {
            return new AlarmSettings(oldestMessageAge, errorRatePercent);
        }
    }
}
