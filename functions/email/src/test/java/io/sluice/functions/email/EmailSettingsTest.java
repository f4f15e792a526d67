package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.JobConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

    private static EmailSettings settings(Map<String, String> values) {
        return EmailSettings.from(JobConfig.fromMap(values));
    }

    @Test
    void readsThePlainSenderAndNoConfigurationSet() {
        assertEquals(
                new EmailSettings("noreply@example.com", Optional.empty(), Duration.ofMinutes(1)),
                settings(Map.of(EmailSettings.FROM_KEY, " noreply@example.com ")));
    }

    @Test
    void acceptsADisplayNameAndAConfigurationSet() {
        assertEquals(
                new EmailSettings(
                        "Example Shop <noreply@example.com>", Optional.of("transactional-1"), Duration.ofSeconds(90)),
                settings(Map.of(
                        EmailSettings.FROM_KEY,
                        "Example Shop <noreply@example.com>",
                        EmailSettings.CONFIGURATION_SET_KEY,
                        "transactional-1",
                        EmailSettings.THROTTLE_DELAY_KEY,
                        "PT90S")));
    }

    @Test
    void failsWithoutASenderNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of()));

        assertEquals(
                "SLUICE_EMAIL_FROM is not set: it must be the SES-verified sender, e.g. noreply@example.com or "
                        + "'Example Shop <noreply@example.com>'",
                e.getMessage());
    }

    @Test
    void failsOnAnInvalidSenderAddress() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> settings(Map.of(EmailSettings.FROM_KEY, "Shop <noreply@localhost>")));

        assertEquals(
                "SLUICE_EMAIL_FROM: 'noreply@localhost' has an invalid domain (after the @): it must be a host name such as example.com",
                e.getMessage());
    }

    @Test
    void failsOnANonAsciiDisplayName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> settings(Map.of(EmailSettings.FROM_KEY, "Bücher <noreply@example.com>")));

        assertEquals(
                "SLUICE_EMAIL_FROM: the display name of 'Bücher <noreply@example.com>' must be ASCII; write other characters as an "
                        + "RFC 2047 encoded word (=?UTF-8?B?...?=)",
                e.getMessage());
    }

    @Test
    void failsOnABadConfigurationSetName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> settings(Map.of(
                        EmailSettings.FROM_KEY, "noreply@example.com", EmailSettings.CONFIGURATION_SET_KEY, "my set")));

        assertEquals(
                "SLUICE_EMAIL_CONFIGURATION_SET: 'my set' is not a configuration set name (1-64 ASCII letters, digits, "
                        + "underscores or hyphens)",
                e.getMessage());
    }

    @Test
    void failsOnAThrottleDelayThatIsNotAPositiveDurationUpToADay() {
        assertEquals(
                "SLUICE_EMAIL_THROTTLE_DELAY='1m' is not an ISO-8601 duration such as PT1M",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings(Map.of(
                                        EmailSettings.FROM_KEY,
                                        "noreply@example.com",
                                        EmailSettings.THROTTLE_DELAY_KEY,
                                        "1m")))
                        .getMessage());
        assertEquals(
                "SLUICE_EMAIL_THROTTLE_DELAY: must be more than zero and at most P1D, was P2D",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> settings(Map.of(
                                        EmailSettings.FROM_KEY,
                                        "noreply@example.com",
                                        EmailSettings.THROTTLE_DELAY_KEY,
                                        "P2D")))
                        .getMessage());
    }
}
