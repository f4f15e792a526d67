package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.JobConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookTimeoutsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void defaultsToFiveSecondsToConnectAndTwentyToRead() {
        assertEquals(
                new WebhookTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)),
                WebhookTimeouts.from(JobConfig.fromMap(Map.of())));
    }

    @Test
    void readsIsoDurationsFromConfiguration() {
        WebhookTimeouts timeouts = WebhookTimeouts.from(JobConfig.fromMap(
                Map.of("SLUICE_WEBHOOK_CONNECT_TIMEOUT", "PT2S", "SLUICE_WEBHOOK_READ_TIMEOUT", "PT1M")));

        assertEquals(new WebhookTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(1)), timeouts);
    }

    @Test
    void refusesValuesThatAreNotPositiveIsoDurations() {
        IllegalArgumentException text = assertThrows(
                IllegalArgumentException.class,
                () -> WebhookTimeouts.from(JobConfig.fromMap(Map.of("SLUICE_WEBHOOK_READ_TIMEOUT", "20"))));
        IllegalArgumentException zero = assertThrows(
                IllegalArgumentException.class,
                () -> WebhookTimeouts.from(JobConfig.fromMap(Map.of("SLUICE_WEBHOOK_CONNECT_TIMEOUT", "PT0S"))));

        assertEquals("SLUICE_WEBHOOK_READ_TIMEOUT='20' is not an ISO-8601 duration such as PT5S", text.getMessage());
        assertEquals("SLUICE_WEBHOOK_CONNECT_TIMEOUT: must be positive, was PT0S", zero.getMessage());
    }

    @Test
    void readsForTheConfiguredTimeWhenTheDeadlineIsFurther() {
        WebhookTimeouts timeouts = new WebhookTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

        assertEquals(Optional.of(Duration.ofSeconds(20)), timeouts.readTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void readsOnlyUntilTheDeadlineWhenItIsNearer() {
        WebhookTimeouts timeouts = new WebhookTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

        assertEquals(Optional.of(Duration.ofMillis(7500)), timeouts.readTimeout(Duration.ofMillis(7500)));
    }

    @Test
    void hasNoReadTimeoutOnceTheDeadlineHasPassed() {
        WebhookTimeouts timeouts = new WebhookTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));

        assertEquals(Optional.empty(), timeouts.readTimeout(Duration.ZERO));
        assertEquals(Optional.empty(), timeouts.readTimeout(Duration.ofSeconds(-1)));
    }
}
