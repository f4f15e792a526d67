package io.sluice.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rate limits of a job type, as declared by {@link io.sluice.job.RateLimit} and possibly changed by
 * {@link JobOverrides}. A count of 0 and a {@link Duration#ZERO} interval mean "no limit"; like
 * {@link JobDefinition}, the record holds any values and {@link #problems()} says which are unusable.
 *
 * @param perMinute runs per calendar minute (UTC), 0 for none
 * @param perHour runs per calendar hour (UTC), 0 for none
 * @param perDay runs per calendar day (UTC), 0 for none
 * @param minInterval shortest time between two starts, {@link Duration#ZERO} for none ({@code null} is read as none)
 * @param key the top-level payload field whose value selects a separate budget, or {@code null} for one
 *     budget for the whole type ({@code ""} is read as {@code null})
 */
public record RateLimitSpec(int perMinute, int perHour, int perDay, Duration minInterval, String key) {
    /** The largest count a window may allow. */
    public static final int MAX_COUNT = 1_000_000;

    /** The longest {@link #minInterval()}. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    /** Payload field names that may select a budget: a plain identifier of at most 64 characters. */
    public static final Pattern KEY_FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** No limit at all: what a job type without {@code rateLimit} gets. */
    public static final RateLimitSpec UNLIMITED = new RateLimitSpec(0, 0, 0, Duration.ZERO, null);

    public RateLimitSpec {
        minInterval = minInterval == null ? Duration.ZERO : minInterval;
        key = key == null || key.isEmpty() ? null : key;
    }

    /** Whether no limit is set, so a job of this type never needs to ask the rate limiter. A key alone limits nothing. */
    @JsonIgnore
    public boolean isUnlimited() {
        return perMinute == 0 && perHour == 0 && perDay == 0 && minInterval.isZero();
    }

    /** This spec with another key field ({@code null} or {@code ""} for one budget per type). */
    public RateLimitSpec withKey(String value) {
        return new RateLimitSpec(perMinute, perHour, perDay, minInterval, value);
    }

    /**
     * Every setting outside its range, each naming the setting, the bad value and the allowed range, without
     * the {@code rateLimit.} prefix (which {@link JobDefinition#problems()} adds). Empty when usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        count(problems, "perMinute", perMinute);
        count(problems, "perHour", perHour);
        count(problems, "perDay", perDay);
        if (minInterval.isNegative() || minInterval.compareTo(MAX_INTERVAL) > 0) {
            problems.add("minInterval must be between PT0S and P1D (PT24H), was " + minInterval);
        }
        if (key != null && !KEY_FIELD.matcher(key).matches()) {
            problems.add(
                    "key '" + key + "' must be a top-level payload field name matching [A-Za-z_][A-Za-z0-9_]{0,63}");
        }
        return problems;
    }

    private static void count(List<String> problems, String name, int value) {
        if (value < 0 || value > MAX_COUNT) {
            problems.add(name + " must be between 0 (no limit) and 1000000, was " + value);
        }
    }
}
