package io.sluice.ops;

/**
 * Untrusted text made safe to show to a person: job ids, reasons, details, payloads and names come from producers, and
 * a terminal obeys the escape sequences in them (an id {@code esc\u001b[31mRED} recolours the screen; others move the
 * cursor, rewrite the title or hide the lines around them), while a page's reader is misled by bidirectional overrides
 * that reorder what is shown. Every C0 and C1 control character, DEL, and the Unicode bidi controls (U+202A to U+202E,
 * U+2066 to U+2069) are written as {@code \u001b}-style escapes; everything else is kept, so a clean value is shown
 * exactly as stored. The CLI's tables pass every cell through {@link #escape}; the console's templates pass every
 * value through {@link #escapeForPage}, which keeps line breaks and tabs (a pretty-printed payload is shown as such;
 * HTML gives them no power).
 */
public final class DisplayText {
    private DisplayText() {}

    /** The text with its control characters escaped, line breaks included; {@code null} stays {@code null}. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** As {@link #escape}, but keeping {@code \n}, {@code \r} and {@code \t}: for HTML, where they are whitespace. */
    public static String escapeForPage(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepWhitespace) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text, keepWhitespace);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c, keepWhitespace)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String text, boolean keepWhitespace) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i), keepWhitespace)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c, boolean keepWhitespace) {
        if (keepWhitespace && (c == '\n' || c == '\r' || c == '\t')) {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
