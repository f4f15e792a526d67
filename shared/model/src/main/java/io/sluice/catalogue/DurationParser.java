package io.sluice.catalogue;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The one reader of duration settings, ISO-8601 text such as {@code PT30S} or {@code P7D}, wherever they come from:
 * overrides, {@code SLUICE_*} variables, the operator's commands. One parser means one accepted form and one
 * message naming the setting, the bad text and an example; callers keep their own exception kind (a function
 * refuses to start, the Jobs API answers 400) by catching {@link InvalidDuration}.
 */
public final class DurationParser {
    private DurationParser() {}

    /**
     * The duration {@code text} names, exactly as ISO-8601 writes it (no trimming: a caller decides what
     * whitespace means).
     *
     * @param setting what the duration is for, for the message ({@code "timeout"}, {@code "SLUICE_MAX_DEFERRAL_TIME"})
     * @throws InvalidDuration naming the setting, the text and the form {@code PT30S}
     */
    public static Duration parse(String setting, String text) {
        return parse(setting, text, "PT30S");
    }

    /** As {@link #parse(String, String)}, with an example that suits the setting ({@code "P7D or PT12H"}). */
    public static Duration parse(String setting, String text, String example) {
        if (text == null) {
            throw new InvalidDuration(setting + " is not set; give an ISO-8601 duration such as " + example, null);
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidDuration(setting + "='" + text + "' is not an ISO-8601 duration such as " + example, e);
        }
    }

    /** A duration setting that is not ISO-8601 text; the message names the setting and the form expected. */
    public static final class InvalidDuration extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidDuration(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
