package io.sluice.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void readsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", NOW));
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Mon, 23 Nov 2026 10:01:30 GMT", NOW));
    }

    @Test
    void treatsADateInThePastAsRetryNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 23 Nov 2026 09:59:00 GMT", NOW));
    }

    @Test
    void treatsNegativeSecondsAsRetryNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("-30", NOW));
    }

    @Test
    void leavesHugeValuesForTheRuntimeToCap() {
        assertEquals(Optional.of(Duration.ofSeconds(Long.MAX_VALUE)), RetryAfter.parse("99999999999999999999999", NOW));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "soon", "1.5", "12s", "PT10S", "2026-11-23T10:01:30Z", "Mon, 32 Nov 2026 10:01:30 GMT"})
    void ignoresMalformedValues(String header) {
        assertEquals(Optional.empty(), RetryAfter.parse(header, NOW));
    }

    @Test
    void ignoresAnAbsentHeader() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }
}
