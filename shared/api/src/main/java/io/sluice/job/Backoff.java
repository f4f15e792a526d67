package io.sluice.job;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The retry schedule of a job type: attempt {@code n} (1-based) waits up to
 * {@code min(max, initial * multiplier^(n-1))} before it is retried. Durations are ISO-8601
 * ({@code PT30S}, {@code PT1M}); {@code max} may not exceed {@code PT11H44M}, SQS's longest visibility
 * timeout SQS accepts.
 */
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Backoff {
    /** Ceiling of the first retry delay. Default {@code PT10S}. */
    String initial() default "PT10S";

    /** Growth factor per attempt, at least 1.0. Default 2.0. */
    double multiplier() default 2.0;

    /** Cap on any retry delay, at most {@code PT11H44M}. Default {@code PT15M}. */
    String max() default "PT15M";

    /** Randomisation of each delay. Default {@link Jitter#FULL}. */
    Jitter jitter() default Jitter.FULL;
}
