package io.sluice.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Jitter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy ONE_SECOND_DOUBLING =
            new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), Jitter.FULL);

    private static String refusal(Duration initial, double multiplier, Duration max, Jitter jitter) {
        return assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(initial, multiplier, max, jitter))
                .getMessage();
    }

    @Test
    void ceilingGrowsByTheMultiplierPerFailedAttempt() {
        assertEquals(Duration.ofSeconds(1), ONE_SECOND_DOUBLING.ceiling(1));
        assertEquals(Duration.ofSeconds(2), ONE_SECOND_DOUBLING.ceiling(2));
        assertEquals(Duration.ofSeconds(4), ONE_SECOND_DOUBLING.ceiling(3));
        assertEquals(Duration.ofSeconds(32), ONE_SECOND_DOUBLING.ceiling(6));
    }

    @Test
    void ceilingHandlesFractionalMultipliers() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), 1.5, Duration.ofHours(1), Jitter.NONE);
        assertEquals(Duration.ofSeconds(10), policy.ceiling(1));
        assertEquals(Duration.ofSeconds(15), policy.ceiling(2));
        assertEquals(Duration.ofMillis(22_500), policy.ceiling(3));
    }

    @Test
    void multiplierOfOneKeepsTheDelayConstant() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), 1.0, Duration.ofSeconds(5), Jitter.NONE);
        assertEquals(Duration.ofSeconds(5), policy.ceiling(1));
        assertEquals(Duration.ofSeconds(5), policy.ceiling(50));
    }

    @Test
    void ceilingStopsAtMax() {
        assertEquals(Duration.ofMinutes(1), ONE_SECOND_DOUBLING.ceiling(7), "2^6 s = 64 s is above the 60 s cap");
        assertEquals(Duration.ofMinutes(1), ONE_SECOND_DOUBLING.ceiling(20));
    }

    @Test
    void ceilingNeverExceedsWhatSqsVisibilityAllows() {
        RetryPolicy policy = new RetryPolicy(Duration.ofHours(1), 100.0, RetryPolicy.MAX_DELAY, Jitter.NONE);
        assertEquals(Duration.ofHours(11).plusMinutes(44), policy.ceiling(2));
        assertEquals(Duration.ofHours(11).plusMinutes(44), policy.delay(3, () -> 0.5));
    }

    @Test
    void aRequestedDelayIsCappedAtWhatSqsVisibilityAllows() {
        assertEquals(Duration.ofHours(11).plusMinutes(44), RetryPolicy.capped(Duration.ofHours(12)));
        assertEquals(Duration.ZERO, RetryPolicy.capped(Duration.ofSeconds(-5)));
        assertEquals(Duration.ofSeconds(90), RetryPolicy.capped(Duration.ofSeconds(90)));
    }

    @Test
    void hugeAttemptNumbersDoNotOverflow() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 100.0, Duration.ofHours(11), Jitter.FULL);
        assertEquals(Duration.ofHours(11), policy.ceiling(Integer.MAX_VALUE));
        assertEquals(Duration.ofHours(11), policy.ceiling(1_000));
        Duration delay = policy.delay(Integer.MAX_VALUE, () -> 0.5);
        assertTrue(!delay.isNegative() && delay.compareTo(Duration.ofHours(11)) <= 0, delay.toString());
    }

    @Test
    void ceilingRefusesAttemptsBelowOne() {
        assertEquals(
                "failedAttempt is 1-based, was 0",
                assertThrows(IllegalArgumentException.class, () -> ONE_SECOND_DOUBLING.ceiling(0))
                        .getMessage());
    }

    @Test
    void fullJitterWithZeroRandomGivesNoDelay() {
        assertEquals(Duration.ZERO, ONE_SECOND_DOUBLING.delay(3, () -> 0.0));
    }

    @Test
    void fullJitterWithTheLargestRandomGivesTheCeiling() {
        // 4 s ceiling: the range is [0, 4000] ms inclusive, so a draw just below 1 reaches the ceiling.
        assertEquals(Duration.ofSeconds(4), ONE_SECOND_DOUBLING.delay(3, () -> 0.999999));
    }

    @Test
    void fullJitterScalesTheRandomOverZeroToCeiling() {
        assertEquals(Duration.ofMillis(2000), ONE_SECOND_DOUBLING.delay(3, () -> 0.49990));
        assertEquals(Duration.ofMillis(1000), ONE_SECOND_DOUBLING.delay(3, () -> 0.24994));
    }

    @Test
    void fullJitterStaysWithinZeroAndCeilingForEveryDraw() {
        for (int i = 0; i <= 1000; i++) {
            double r = Math.min(i / 1000.0, Math.nextDown(1.0));
            Duration delay = ONE_SECOND_DOUBLING.delay(5, () -> r);
            assertTrue(
                    !delay.isNegative() && delay.compareTo(ONE_SECOND_DOUBLING.ceiling(5)) <= 0, r + " gave " + delay);
        }
    }

    @Test
    void noJitterWaitsExactlyTheCeilingAndIgnoresTheRandomSource() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), Jitter.NONE);
        assertEquals(Duration.ofSeconds(8), policy.delay(4, () -> {
            throw new AssertionError("NONE jitter must not draw a random number");
        }));
    }

    @Test
    void refusesANonPositiveInitialDelay() {
        assertEquals(
                "backoff.initial must be positive, was PT0S",
                refusal(Duration.ZERO, 2.0, Duration.ofMinutes(1), Jitter.FULL));
        assertEquals(
                "backoff.initial must be positive, was PT-1S",
                refusal(Duration.ofSeconds(-1), 2.0, Duration.ofMinutes(1), Jitter.FULL));
        assertEquals(
                "backoff.initial must be positive, was null", refusal(null, 2.0, Duration.ofMinutes(1), Jitter.FULL));
    }

    @Test
    void refusesAMaxBelowTheInitialDelay() {
        assertEquals(
                "backoff.max must be at least backoff.initial (PT1M), was PT30S",
                refusal(Duration.ofMinutes(1), 2.0, Duration.ofSeconds(30), Jitter.FULL));
        assertEquals(
                "backoff.max must be at least backoff.initial (PT1M), was null",
                refusal(Duration.ofMinutes(1), 2.0, null, Jitter.FULL));
    }

    @Test
    void refusesAMaxAboveTheSqsVisibilityLimit() {
        assertEquals(
                "backoff.max must be at most PT11H44M (SQS's 12-hour visibility limit less one Lambda invocation), was PT11H44M0.001S",
                refusal(Duration.ofMinutes(1), 2.0, RetryPolicy.MAX_DELAY.plusMillis(1), Jitter.FULL));
    }

    @Test
    void acceptsAMaxOfExactlyTheLimit() {
        assertEquals(
                RetryPolicy.MAX_DELAY,
                new RetryPolicy(Duration.ofMinutes(1), 2.0, RetryPolicy.MAX_DELAY, Jitter.FULL).max());
    }

    @Test
    void refusesMultipliersOutsideOneToHundred() {
        assertEquals(
                "backoff.multiplier must be between 1.0 and 100.0, was 0.5",
                refusal(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1), Jitter.FULL));
        assertEquals(
                "backoff.multiplier must be between 1.0 and 100.0, was 100.5",
                refusal(Duration.ofSeconds(1), 100.5, Duration.ofMinutes(1), Jitter.FULL));
        assertEquals(
                "backoff.multiplier must be between 1.0 and 100.0, was NaN",
                refusal(Duration.ofSeconds(1), Double.NaN, Duration.ofMinutes(1), Jitter.FULL));
    }

    @Test
    void refusesAMissingJitter() {
        assertEquals("backoff.jitter must be set", refusal(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), null));
    }

    @Test
    void cappedKeepsRequestedDelaysUpToTheLimit() {
        assertEquals(Duration.ofSeconds(90), RetryPolicy.capped(Duration.ofSeconds(90)));
        assertEquals(RetryPolicy.MAX_DELAY, RetryPolicy.capped(RetryPolicy.MAX_DELAY));
    }

    @Test
    void cappedCutsLongerDelaysToTheLimit() {
        assertEquals(RetryPolicy.MAX_DELAY, RetryPolicy.capped(Duration.ofDays(3)));
    }

    @Test
    void cappedTurnsNegativeDelaysIntoZero() {
        assertEquals(Duration.ZERO, RetryPolicy.capped(Duration.ofSeconds(-5)));
    }
}
