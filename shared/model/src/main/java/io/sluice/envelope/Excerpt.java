package io.sluice.envelope;

/**
 * A bounded, printable excerpt of text a producer sent (a field name, a version string), for error messages that end
 * up in log lines and dead-letter attributes: control characters become {@code ?} and anything past {@code max}
 * characters is cut with a count, so a 5,000-character {@code specVersion} costs a log line 60 characters, not 5,000.
 * Field values of a payload are never excerpted anywhere: only the envelope's own short fields are.
 */
public final class Excerpt {
    /** The longest excerpt of a producer's text that a message quotes. */
    public static final int DEFAULT_MAX = 40;

    private Excerpt() {}

    /** {@code text} cut to {@value #DEFAULT_MAX} characters. */
    public static String of(String text) {
        return of(text, DEFAULT_MAX);
    }

    /** {@code text} cut to {@code max} characters, control characters replaced. */
    public static String of(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 24);
        int shown = Math.min(text.length(), max);
        if (shown < text.length() && shown > 0 && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--; // never half a surrogate pair: SQS refuses a lone surrogate in an attribute
        }
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > shown) {
            out.append("…(").append(text.length() - shown).append(" more characters)");
        }
        return out.toString();
    }
}
