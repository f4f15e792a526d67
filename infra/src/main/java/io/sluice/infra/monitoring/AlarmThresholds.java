package io.sluice.infra.monitoring;

import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.topology.JobTopology;
import java.time.Duration;

/**
 * When a job type's alarms fire, as derived for the type and changed by its {@link AlarmSettings}:
 * <ul>
 *   <li>{@code oldestMessageAge}: from PT1M to P14D. Default: 15 minutes, or longer where the type's own retries keep a
 *       healthy job in its queue longer, namely the first two backoff delays plus three function timeouts (SQS stops
 *       counting a message in {@code ApproximateAgeOfOldestMessage} after its third receive), plus, for a rate-limited
 *       type, its longest window (a day, an hour, a minute, or the minimum interval): a job waiting for its window is
 *       healthy, and a FIFO one waits in place.</li>
 *   <li>{@code errorRatePercent}: failed attempts and function errors as a share of all attempts, above 0 and at
 *       most 100. Default 10.</li>
 * </ul>
 * The dead-letter alarm has no threshold: one message in a DLQ is one job that needs a person.
 */
public record AlarmThresholds(Duration oldestMessageAge, double errorRatePercent) {
    public static final Duration MIN_AGE = Duration.ofMinutes(1);
    /** SQS keeps a message 14 days at most, so no message can be older. */
    public static final Duration MAX_AGE = Duration.ofDays(14);

    static final Duration DEFAULT_AGE_FLOOR = Duration.ofMinutes(15);
    static final double DEFAULT_ERROR_RATE_PERCENT = 10;

    public AlarmThresholds {
        requireAge(oldestMessageAge);
        requireRate(errorRatePercent);
    }

    static void requireAge(Duration age) {
        if (age == null || age.compareTo(MIN_AGE) < 0 || age.compareTo(MAX_AGE) > 0) {
            throw new IllegalArgumentException("oldestMessageAge must be between PT1M and P14D, was " + age);
        }
    }

    static void requireRate(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("errorRatePercent must be above 0 and at most 100, was " + percent);
        }
    }

    /** The defaults for a job type, derived from its retries and function timeout as described above. */
    public static AlarmThresholds defaults(JobTopology job) {
        JobDefinition d = job.definition();
        Duration retries = Duration.ZERO;
        for (int failed = 1; failed <= Math.min(2, d.maxAttempts() - 1); failed++) {
            retries = retries.plus(d.backoff().ceiling(failed));
        }
        Duration healthy =
                retries.plus(job.function().timeout().multipliedBy(3)).plus(longestWindow(d.rateLimit()));
        Duration age = healthy.compareTo(DEFAULT_AGE_FLOOR) > 0 ? healthy : DEFAULT_AGE_FLOOR;
        return new AlarmThresholds(age.compareTo(MAX_AGE) > 0 ? MAX_AGE : age, DEFAULT_ERROR_RATE_PERCENT);
    }

    /** How long a job may wait for its rate limit's window to open; zero without limits. */
    static Duration longestWindow(RateLimitSpec limits) {
        if (limits.perDay() > 0) {
            return Duration.ofDays(1);
        }
        Duration longest = limits.perHour() > 0
                ? Duration.ofHours(1)
                : limits.perMinute() > 0 ? Duration.ofMinutes(1) : Duration.ZERO;
        return limits.minInterval().compareTo(longest) > 0 ? limits.minInterval() : longest;
    }

    /** These thresholds, with each value {@code settings} gives in place of this one. */
    public AlarmThresholds with(AlarmSettings settings) {
        return new AlarmThresholds(
                settings.oldestMessageAge() != null ? settings.oldestMessageAge() : oldestMessageAge,
                settings.errorRatePercent() != null ? settings.errorRatePercent() : errorRatePercent);
    }
}
