package io.sluice.runtime;

/**
 * Makes text safe for an SQS message attribute and short: SQS refuses a message whose attributes contain
 * characters outside XML's allowed set (#x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF), so
 * a handler's error message with a stray control character or a lone surrogate would make dead-lettering
 * fail forever. Cuts at code point boundaries, never inside a surrogate pair.
 */
final class SqsText {
    private SqsText() {}

    /** At most {@code maxChars} UTF-16 units, refused characters replaced by U+FFFD, "…" marking a cut. */
    static String safe(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (out.length() + width > maxChars - 1 && i + width < text.length()) {
                out.append('…');
                return out.toString();
            }
            boolean loneSurrogate = width == 1 && Character.isSurrogate((char) cp);
            out.appendCodePoint(allowed(cp) && !loneSurrogate ? cp : 0xFFFD);
            i += width;
        }
        return out.toString();
    }

    private static boolean allowed(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
