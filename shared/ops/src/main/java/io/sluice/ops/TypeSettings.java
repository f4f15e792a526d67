package io.sluice.ops;

import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.catalogue.ScheduleSpec;
import java.time.Duration;

/**
 * A type's settings from the catalogue (with the deployment's overrides where the caller's catalogue has them), as an
 * operator reads them next to the type's numbers.
 *
 * @param backoff {@code initial x multiplier up to max, jitter}, for example {@code PT1M x2.0 up to PT1H, FULL}
 * @param rateLimit {@code none}, or the limits that apply, for example {@code 3/hour, 20/day, every PT10M}
 * @param schedule the {@code @Job(schedule)} expression and zone, or {@code null} when the type has none
 */
public record TypeSettings(
        int maxAttempts,
        String backoff,
        Duration timeout,
        int concurrency,
        int batchSize,
        boolean fifo,
        String rateLimit,
        String schedule) {

    static TypeSettings of(JobDefinition d) {
        RetryPolicy b = d.backoff();
        return new TypeSettings(
                d.maxAttempts(),
                b.initial() + " x" + b.multiplier() + " up to " + b.max() + ", " + b.jitter(),
                d.timeout(),
                d.concurrency(),
                d.batchSize(),
                d.fifo(),
                rateLimit(d.rateLimit()),
                schedule(d.schedule()));
    }

    private static String rateLimit(RateLimitSpec r) {
        if (r.isUnlimited()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        append(s, r.perMinute(), "/minute");
        append(s, r.perHour(), "/hour");
        append(s, r.perDay(), "/day");
        if (r.minInterval() != null && !r.minInterval().isZero()) {
            s.append(s.isEmpty() ? "" : ", ").append("every ").append(r.minInterval());
        }
        if (r.key() != null && !r.key().isBlank()) {
            s.append(" per ").append(r.key());
        }
        return s.toString();
    }

    private static void append(StringBuilder s, int limit, String unit) {
        if (limit > 0) {
            s.append(s.isEmpty() ? "" : ", ").append(limit).append(unit);
        }
    }

    private static String schedule(ScheduleSpec s) {
        if (!s.isScheduled()) {
            return null;
        }
        return s.timezone() == null ? s.expression() : s.expression() + " (" + s.timezone() + ")";
    }
}
