package io.sluice.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitSpecTest {
    private static RateLimitSpec counts(int perMinute, int perHour, int perDay) {
        return new RateLimitSpec(perMinute, perHour, perDay, Duration.ZERO, null);
    }

    private static RateLimitSpec interval(Duration minInterval) {
        return new RateLimitSpec(0, 0, 0, minInterval, null);
    }

    private static RateLimitSpec key(String key) {
        return new RateLimitSpec(1, 0, 0, Duration.ZERO, key);
    }

    @Test
    void unlimitedHasNoLimitAndNoProblems() {
        assertTrue(RateLimitSpec.UNLIMITED.isUnlimited());
        assertEquals(List.of(), RateLimitSpec.UNLIMITED.problems());
    }

    @Test
    void anyCountOrIntervalIsALimitButAKeyAloneIsNot() {
        assertFalse(counts(1, 0, 0).isUnlimited());
        assertFalse(counts(0, 1, 0).isUnlimited());
        assertFalse(counts(0, 0, 1).isUnlimited());
        assertFalse(interval(Duration.ofMillis(1)).isUnlimited());
        assertTrue(new RateLimitSpec(0, 0, 0, Duration.ZERO, "daoId").isUnlimited());
    }

    @Test
    void readsAMissingIntervalAsNoneAndAnEmptyKeyAsNoKey() {
        RateLimitSpec spec = new RateLimitSpec(0, 3, 0, null, "");
        assertEquals(Duration.ZERO, spec.minInterval());
        assertNull(spec.key());
        assertNull(spec.withKey("daoId").withKey(null).key());
        assertEquals("daoId", spec.withKey("daoId").key());
    }

    @Test
    void acceptsCountsFromZeroToAMillion() {
        assertEquals(List.of(), counts(0, 0, 0).problems());
        assertEquals(List.of(), counts(1_000_000, 1_000_000, 1_000_000).problems());
        // Limits need not be consistent with each other: 10 per minute but 3 per hour is simply 3 per hour.
        assertEquals(List.of(), counts(10, 3, 1).problems());
    }

    @Test
    void rejectsNegativeCountsNamingEachSetting() {
        assertEquals(
                List.of(
                        "perMinute must be between 0 (no limit) and 1000000, was -1",
                        "perHour must be between 0 (no limit) and 1000000, was -2",
                        "perDay must be between 0 (no limit) and 1000000, was -3"),
                counts(-1, -2, -3).problems());
    }

    @Test
    void rejectsCountsAboveAMillion() {
        assertEquals(
                List.of("perHour must be between 0 (no limit) and 1000000, was 1000001"),
                counts(0, 1_000_001, 0).problems());
    }

    @Test
    void acceptsAnIntervalUpToADay() {
        assertEquals(List.of(), interval(Duration.ofDays(1)).problems());
        assertEquals(List.of(), interval(Duration.ofMillis(1)).problems());
    }

    @Test
    void rejectsAnIntervalAboveADayOrNegative() {
        assertEquals(
                List.of("minInterval must be between PT0S and P1D (PT24H), was PT24H0.001S"),
                interval(Duration.ofDays(1).plusMillis(1)).problems());
        assertEquals(
                List.of("minInterval must be between PT0S and P1D (PT24H), was PT-1S"),
                interval(Duration.ofSeconds(-1)).problems());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"daoId", "_id", "account_2", "A234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsKeysThatArePlainFieldNames(String field) {
        assertEquals(List.of(), key(field).problems());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dao.id",
                "2fa",
                "dao-id",
                " daoId",
                "$.daoId",
                "A2345678901234567890123456789012345678901234567890123456789012345"
            })
    void rejectsKeysThatAreNotPlainFieldNames(String field) {
        assertEquals(
                List.of("key '" + field
                        + "' must be a top-level payload field name matching [A-Za-z_][A-Za-z0-9_]{0,63}"),
                key(field).problems());
    }
}
