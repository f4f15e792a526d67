package io.sluice.runtime.limit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.catalogue.RateLimitSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RateLimiter#NONE}: what a runtime without a rate-limit table does. */
class RateLimiterNoneTest {

    @Test
    void grantsEveryAcquisitionEvenBeyondTheLimits() {
        RateLimitSpec onePerHour = new RateLimitSpec(0, 1, 0, Duration.ZERO, null);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        for (int n = 0; n < 3; n++) {
            assertTrue(RateLimiter.NONE.acquire("tweet", "", onePerHour, now).isGranted());
        }
    }
}
