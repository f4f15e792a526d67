package io.sluice.local.scheduler;

/**
 * How long EventBridge Scheduler keeps trying to deliver one firing to its target: at most
 * {@code maximumRetryAttempts} retries (0 to 185) and never once the firing is older than
 * {@code maximumEventAgeInSeconds} (60 to 86,400). When either runs out, the firing goes to the schedule's
 * dead-letter queue if it has one, and is dropped otherwise. {@link #DEFAULT} is what AWS applies, and
 * reports, when a schedule sets none.
 */
public record TargetRetryPolicy(int maximumEventAgeInSeconds, int maximumRetryAttempts) {
    /** AWS's defaults: 24 hours, 185 retries. */
    public static final TargetRetryPolicy DEFAULT = new TargetRetryPolicy(86_400, 185);
}
