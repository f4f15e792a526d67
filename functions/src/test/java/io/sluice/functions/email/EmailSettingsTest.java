package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.JobConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

    private static EmailSettings settings(Map<String, String> values) {
        return EmailSettings.from(JobConfig.fromMap(values));
    }

    @Test
    void readsThePlainSenderAndNoConfigurationSet() {
        assertEquals(new EmailSettings("noreply@example.com", Optional.empty()),
                settings(Map.of(EmailSettings.FROM_KEY, " noreply@example.com ")));
    }

    @Test
    void acceptsADisplayNameAndAConfigurationSet() {
        assertEquals(new EmailSettings("Example Shop <noreply@example.com>", Optional.of("transactional-1")),
                settings(Map.of(EmailSettings.FROM_KEY, "Example Shop <noreply@example.com>", EmailSettings.CONFIGURATION_SET_KEY, "transactional-1")));
    }

    @Test
    void failsWithoutASenderNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of()));

        assertEquals("SLUICE_EMAIL_FROM is not set: it must be the SES-verified sender, e.g. noreply@example.com or "
                + "'Example Shop <noreply@example.com>'", e.getMessage());
    }

    @Test
    void failsOnAnInvalidSenderAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(EmailSettings.FROM_KEY, "Shop <noreply@localhost>")));

        assertEquals("SLUICE_EMAIL_FROM: 'noreply@localhost' has an invalid domain (after the @): it must be a host name such as example.com",
                e.getMessage());
    }

    @Test
    void failsOnANonAsciiDisplayName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(EmailSettings.FROM_KEY, "Bücher <noreply@example.com>")));

        assertEquals("SLUICE_EMAIL_FROM: the display name of 'Bücher <noreply@example.com>' must be ASCII; write other characters as an "
                + "RFC 2047 encoded word (=?UTF-8?B?...?=)", e.getMessage());
    }

    @Test
    void failsOnABadConfigurationSetName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of(EmailSettings.FROM_KEY, "noreply@example.com", EmailSettings.CONFIGURATION_SET_KEY, "my set")));

        assertEquals("SLUICE_EMAIL_CONFIGURATION_SET: 'my set' is not a configuration set name (1-64 ASCII letters, digits, "
                + "underscores or hyphens)", e.getMessage());
    }
}
