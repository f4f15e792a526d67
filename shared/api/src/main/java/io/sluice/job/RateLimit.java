package io.sluice.job;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How often a job type may run, so an external API is never hammered:
 * {@code @Job(type = "tweet", rateLimit = @RateLimit(perHour = 3, perDay = 20, minInterval = "PT10M", key = "daoId"))}.
 *
 * <p>Every element defaults to "no limit" ({@code 0} or {@code ""}); a bare {@code @RateLimit} limits nothing.
 * The minute, hour and day windows are fixed calendar windows in UTC ({@code 10:00:00} to {@code 10:59:59.999}
 * for an hour), not sliding ones. A job over any of its limits is not run and not failed: it is deferred to
 * the exact moment the blocking window opens (the latest one when several block), keeping its retry budget.
 * All limits of a job are taken together or not at all, so a deferred job uses up none of them. Every
 * element can be overridden per environment ({@code rateLimit.perHour}, {@code SLUICE_RATE_LIMIT_PER_HOUR}, ...).
 */
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface RateLimit {
    /** Runs started per calendar minute (UTC), 0 to 1,000,000; 0 means no limit. Default 0. */
    int perMinute() default 0;

    /** Runs started per calendar hour (UTC), 0 to 1,000,000; 0 means no limit. Default 0. */
    int perHour() default 0;

    /** Runs started per calendar day (UTC), 0 to 1,000,000; 0 means no limit. Default 0. */
    int perDay() default 0;

    /**
     * Shortest time between the starts of two runs, ISO-8601 ({@code PT10M}), {@code PT0S} to {@code P1D};
     * empty means none. Default {@code ""}.
     */
    String minInterval() default "";

    /**
     * A top-level payload field, matching {@code [A-Za-z_][A-Za-z0-9_]{0,63}}, whose value (a string or a
     * number) selects a separate budget: with {@code key = "daoId"}, every DAO gets its own limits. A job
     * whose payload lacks the field is an invalid payload. Empty means one budget for the whole type.
     * Default {@code ""}.
     */
    String key() default "";
}
