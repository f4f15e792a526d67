package io.sluice.functions.email;

import io.sluice.catalogue.DurationParser;
import io.sluice.job.JobConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code email} job's own configuration, read once at construction so a misconfigured function fails
 * at cold start, naming the variable, rather than on every job.
 *
 * <ul>
 *   <li>{@code SLUICE_EMAIL_FROM} (required): the sender, an identity verified in SES, as
 *       {@code noreply@example.com} or {@code Example Shop <noreply@example.com>} (ASCII; a non-ASCII display
 *       name must be written as an RFC 2047 encoded word, {@code =?UTF-8?B?...?=}). Producers cannot choose it:
 *       a payload-chosen sender would let any producer send as any identity the account has verified.
 *   <li>{@code SLUICE_EMAIL_CONFIGURATION_SET} (optional): an SES configuration set applied to every message
 *       (event destinations, dedicated IP pools, suppression settings); 1-64 ASCII letters, digits, {@code _}, {@code -}.
 *   <li>{@code SLUICE_EMAIL_THROTTLE_DELAY} (default {@code PT1M}): how long a job throttled by SES waits, spread
 *       from half to one and a half times this per job (SES names no time; AWS advises waiting up to 10 minutes).
 *       ISO-8601, positive, at most {@code P1D}.
 * </ul>
 *
 * @param sender the {@code FromEmailAddress} of every message
 * @param configurationSet the {@code ConfigurationSetName} of every message, if any
 * @param throttleDelay the middle of the wait after SES throttling
 */
public record EmailSettings(String sender, Optional<String> configurationSet, Duration throttleDelay) {
    public static final String FROM_KEY = "SLUICE_EMAIL_FROM";
    public static final String CONFIGURATION_SET_KEY = "SLUICE_EMAIL_CONFIGURATION_SET";
    public static final String THROTTLE_DELAY_KEY = "SLUICE_EMAIL_THROTTLE_DELAY";
    public static final Duration DEFAULT_THROTTLE_DELAY = Duration.ofMinutes(1);
    private static final Duration MAX_THROTTLE_DELAY = Duration.ofDays(1);

    private static final Pattern DISPLAY_FORM = Pattern.compile("(.*?)\\s*<([^<>]*)>");
    private static final Pattern CONFIGURATION_SET = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Reads both keys.
     *
     * @throws IllegalArgumentException naming the key, the rule and (these are configuration, not personal
     *     data) the value
     */
    public static EmailSettings from(JobConfig config) {
        String sender = config.get(FROM_KEY)
                .map(String::trim)
                .orElseThrow(
                        () -> new IllegalArgumentException(
                                FROM_KEY
                                        + " is not set: it must be the SES-verified sender, e.g. noreply@example.com or 'Example Shop <noreply@example.com>'"));
        checkSender(sender);
        Optional<String> configurationSet = config.get(CONFIGURATION_SET_KEY).map(String::trim);
        configurationSet.ifPresent(name -> {
            if (!CONFIGURATION_SET.matcher(name).matches()) {
                throw new IllegalArgumentException(CONFIGURATION_SET_KEY + ": '" + name
                        + "' is not a configuration set name (1-64 ASCII letters, digits, underscores or hyphens)");
            }
        });
        return new EmailSettings(sender, configurationSet, throttleDelay(config));
    }

    private static Duration throttleDelay(JobConfig config) {
        Optional<String> text = config.get(THROTTLE_DELAY_KEY).map(String::trim);
        if (text.isEmpty()) {
            return DEFAULT_THROTTLE_DELAY;
        }
        Duration value = DurationParser.parse(THROTTLE_DELAY_KEY, text.get(), "PT1M");
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_THROTTLE_DELAY) > 0) {
            throw new IllegalArgumentException(
                    THROTTLE_DELAY_KEY + ": must be more than zero and at most P1D, was " + text.get());
        }
        return value;
    }

    private static void checkSender(String sender) {
        String address = sender;
        Matcher display = DISPLAY_FORM.matcher(sender);
        if (display.matches()) {
            address = display.group(2).trim();
            if (!display.group(1).chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException(FROM_KEY + ": the display name of '" + sender
                        + "' must be ASCII; write other characters as an RFC 2047 encoded word (=?UTF-8?B?...?=)");
            }
        }
        String checked = address;
        EmailAddress.problem(address).ifPresent(problem -> {
            throw new IllegalArgumentException(FROM_KEY + ": '" + checked + "' " + problem);
        });
    }
}
