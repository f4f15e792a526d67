package io.sluice.runtime;

import io.sluice.envelope.DeferralAttributes;
import io.sluice.topology.SluiceEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How often, and for how long in all, a job's handler may defer it ({@link io.sluice.job.JobDeferral}: a provider's
 * 429 with its reset time). A deferral spends no attempt and re-sends the message, which resets SQS's receive count,
 * so without a budget a provider that stays over its limit would keep a job circulating for ever and grow its history
 * item by one attempt entry per deferral. The count and the first deferral's time travel with the message as
 * attributes ({@value DeferralAttributes#COUNT}, {@value DeferralAttributes#FIRST_DEFERRED_AT}); past either limit the job is dead-lettered
 * with reason {@code deferral-budget}. Per function (so per type), from {@code SLUICE_MAX_DEFERRALS} (default
 * {@value #DEFAULT_COUNT}) and {@code SLUICE_MAX_DEFERRAL_TIME} (ISO-8601, default 7 days).
 *
 * @param maxDeferrals the most handler deferrals a job may have
 * @param maxTime the longest a job may keep being deferred, from its first deferral
 */
record DeferralBudget(int maxDeferrals, Duration maxTime) {

    static final int DEFAULT_COUNT = 100;
    public static final DeferralBudget DEFAULT = new DeferralBudget(DEFAULT_COUNT, Duration.ofDays(7));

    public DeferralBudget {
        if (maxDeferrals < 1) {
            throw new IllegalArgumentException(
                    "the deferral budget must allow at least 1 deferral, was " + maxDeferrals);
        }
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("the deferral budget's time must be positive, was " + maxTime);
        }
    }

    /** The budget the environment names, {@link #DEFAULT} for what it leaves out. */
    static DeferralBudget from(Map<String, String> environment) {
        String count = environment.get(SluiceEnvironment.MAX_DEFERRALS);
        String time = environment.get(SluiceEnvironment.MAX_DEFERRAL_TIME);
        int maxDeferrals;
        try {
            maxDeferrals = count == null || count.isBlank() ? DEFAULT_COUNT : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    SluiceEnvironment.MAX_DEFERRALS + " must be a whole number of deferrals, was '" + count + "'");
        }
        Duration maxTime;
        try {
            maxTime = time == null || time.isBlank()
                    ? DEFAULT.maxTime()
                    : io.sluice.catalogue.DurationParser.parse(SluiceEnvironment.MAX_DEFERRAL_TIME, time.trim());
        } catch (RuntimeException e) {
            throw new IllegalStateException(SluiceEnvironment.MAX_DEFERRAL_TIME
                    + " must be an ISO-8601 duration such as P7D or PT12H, was '" + time + "'");
        }
        return new DeferralBudget(maxDeferrals, maxTime);
    }

    /**
     * A job's handler deferrals: how many so far (this one included) and since when.
     *
     * @param count deferrals so far, this one included
     * @param first the first one's time
     */
    public record Tally(int count, Instant first) {
        /** The tally after one more deferral at {@code now}, from what the message carried. */
        static Tally next(Map<String, String> attributes, Instant now) {
            int count = 0;
            Instant first = now;
            try {
                String c = attributes.get(DeferralAttributes.COUNT);
                count = c == null ? 0 : Math.max(0, Integer.parseInt(c));
                String f = attributes.get(DeferralAttributes.FIRST_DEFERRED_AT);
                first = f == null ? now : Instant.ofEpochMilli(Long.parseLong(f));
            } catch (NumberFormatException ignored) {
                // Not ours or damaged: count from here.
            }
            return new Tally(count == Integer.MAX_VALUE ? count : count + 1, first.isAfter(now) ? now : first);
        }

        /** The attributes a re-sent copy carries. */
        Map<String, String> attributes() {
            return Map.of(
                    DeferralAttributes.COUNT,
                    Integer.toString(count),
                    DeferralAttributes.FIRST_DEFERRED_AT,
                    Long.toString(first.toEpochMilli()));
        }
    }

    /** Why {@code tally} is past this budget at {@code now}, or {@code null} while it is within. */
    String exceeded(Tally tally, Instant now) {
        if (tally.count() > maxDeferrals) {
            return "deferred " + tally.count() + " times; the budget is " + maxDeferrals + " ("
                    + SluiceEnvironment.MAX_DEFERRALS + ")";
        }
        Duration spent = Duration.between(tally.first(), now);
        if (spent.compareTo(maxTime) > 0) {
            return "deferred for " + spent + " since " + tally.first() + "; the budget is " + maxTime + " ("
                    + SluiceEnvironment.MAX_DEFERRAL_TIME + ")";
        }
        return null;
    }
}
