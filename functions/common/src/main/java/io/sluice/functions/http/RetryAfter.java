package io.sluice.functions.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): either delta-seconds
 * ({@code 120}) or an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}), the latter measured from an
 * injected "now" so tests and the handler's {@link java.time.Clock} agree. A malformed value is
 * ignored rather than failing the job: the job type's backoff then applies, which is what a receiver
 * that sent garbage gets anyway. A date in the past and a negative number mean "retry now" (zero).
 * No cap is applied here; the runtime caps any requested delay at SQS's 12-hour visibility limit.
 */
public final class RetryAfter {
    private static final Pattern SECONDS = Pattern.compile("-?\\d+");

    private RetryAfter() {}

    /** The delay the header asks for, or empty when it is absent or malformed. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (SECONDS.matcher(value).matches()) {
            if (value.startsWith("-")) {
                return Optional.of(Duration.ZERO);
            }
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                // More digits than a long holds: the receiver means "a very long time"; the runtime caps it.
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
        }
        try {
            // RFC_1123_DATE_TIME reads IMF-fixdate, the only form RFC 9110 lets senders use.
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration delay = Duration.between(now, at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
