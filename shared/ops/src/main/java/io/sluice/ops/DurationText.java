package io.sluice.ops;

import io.sluice.catalogue.DurationParser;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as an operator types them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} (one whole number and one
 * unit), or ISO-8601 ({@code PT30S}, {@code P1D}, read by {@link DurationParser} like every other duration setting).
 * Shared by the CLI and the HTTP API so both accept and refuse the same text with the same message.
 */
public final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private DurationText() {}

    /**
     * The duration {@code text} names.
     *
     * @param what what the duration is for, for the message ({@code "--older-than"})
     * @throws OperationException of kind {@code INVALID} naming the text and the forms accepted
     */
    public static Duration parse(String what, String text) {
        if (text == null || text.isBlank()) {
            throw OperationException.invalid(what + " is empty; give a duration such as 30s, 5m, 1h, 2d or PT30S");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = DurationParser.parse(what, text.trim().toUpperCase(Locale.ROOT));
            } catch (DurationParser.InvalidDuration e) {
                throw OperationException.invalid(what + " '" + text
                        + "' is not a duration; use a number and a unit (30s, 5m, 1h, 2d) or ISO-8601 (PT30S, P1D)");
            }
        }
        if (d.isNegative()) {
            throw OperationException.invalid(what + " '" + text + "' is negative; give a positive duration such as 5m");
        }
        return d;
    }
}
