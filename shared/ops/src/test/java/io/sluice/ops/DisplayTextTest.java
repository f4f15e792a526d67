package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DisplayTextTest {
    @Test
    void escapesEveryC0AndC1ControlDelAndTheBidiControls() {
        assertEquals("a\\u001b[31mb", DisplayText.escape("a\u001b[31mb"));
        assertEquals(
                "\\u0000\\u0007\\u0008\\u007f\\u0085\\u009b", DisplayText.escape("\u0000\u0007\b\u007f\u0085\u009b"));
        assertEquals("x\\u202ey\\u2066z\\u2069", DisplayText.escape("x\u202ey\u2066z\u2069"));
        assertEquals("line\\u000aline\\u0009tab", DisplayText.escape("line\nline\ttab"));
    }

    @Test
    void aPageKeepsLineBreaksAndTabsButNothingElse() {
        assertEquals("{\n\t\"a\": 1\r\n}\\u001b", DisplayText.escapeForPage("{\n\t\"a\": 1\r\n}\u001b"));
    }

    @Test
    void cleanTextIsReturnedAsItIsIncludingNonLatinLetters() {
        String clean = "order-8812 ✓ Zürich 東京";
        assertSame(clean, DisplayText.escape(clean));
        assertNull(DisplayText.escape(null));
    }
}
