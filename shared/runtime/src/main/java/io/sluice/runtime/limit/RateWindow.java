package io.sluice.runtime.limit;

import io.sluice.catalogue.RateLimitSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.ToIntFunction;

/**
 * The fixed calendar windows a count limit applies to, in UTC. Fixed windows (rather than sliding ones) need
 * one counter per window, so a run costs one conditional write per limit, and a deferred job's window opens
 * at a moment known in advance: the window's end.
 */
enum RateWindow {
    MINUTE("minute", "perMinute", ChronoUnit.MINUTES, "uuuu-MM-dd'T'HH:mm", RateLimitSpec::perMinute),
    HOUR("hour", "perHour", ChronoUnit.HOURS, "uuuu-MM-dd'T'HH", RateLimitSpec::perHour),
    DAY("day", "perDay", ChronoUnit.DAYS, "uuuu-MM-dd", RateLimitSpec::perDay);

    private final String label;
    private final String limitName;
    private final ChronoUnit unit;
    private final DateTimeFormatter format;
    private final ToIntFunction<RateLimitSpec> limit;

    RateWindow(String label, String limitName, ChronoUnit unit, String pattern, ToIntFunction<RateLimitSpec> limit) {
        this.label = label;
        this.limitName = limitName;
        this.unit = unit;
        this.format = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        this.limit = limit;
    }

    /** The name in item keys: {@code minute}, {@code hour}, {@code day}. */
    String label() {
        return label;
    }

    /** The spec setting: {@code perMinute}, {@code perHour}, {@code perDay}. */
    String limitName() {
        return limitName;
    }

    /** The spec's count for this window, 0 for none. */
    int limit(RateLimitSpec spec) {
        return limit.applyAsInt(spec);
    }

    /** The start of the window {@code now} falls in. */
    Instant start(Instant now) {
        return now.truncatedTo(unit);
    }

    /** The end of the window {@code now} falls in (exclusive): the moment the next one opens. */
    Instant end(Instant now) {
        return start(now).plus(1, unit);
    }

    /** The window's start as it appears in item keys: {@code 2026-11-23T10:15}, {@code 2026-11-23T10}, {@code 2026-11-23}. */
    String startLabel(Instant now) {
        return format.format(start(now));
    }

    /** The counter item of this window: {@code tweet#dao-1#hour#2026-11-23T10}. */
    String itemKey(String type, String key, String windowStart) {
        return type + "#" + key + "#" + label() + "#" + windowStart;
    }

    /** The last-run item of a budget: {@code tweet#dao-1#interval}. */
    static String intervalKey(String type, String key) {
        return type + "#" + key + "#interval";
    }
}
