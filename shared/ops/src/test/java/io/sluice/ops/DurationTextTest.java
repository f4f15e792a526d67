package io.sluice.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest
    @CsvSource({"30s,PT30S", "5m,PT5M", "1h,PT1H", "2d,PT48H", "250ms,PT0.25S", "PT90S,PT1M30S", "p1d,PT24H"})
    void shortFormsAndIsoBothParse(String text, String expected) {
        assertEquals(Duration.parse(expected), DurationText.parse("--since", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 minutes", "1y", "abc", "-PT5M", ""})
    void anythingElseIsRefusedNamingTheFormsAccepted(String text) {
        OperationException e = assertThrows(OperationException.class, () -> DurationText.parse("--since", text));
        assertEquals(OperationException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("--since"), e.getMessage());
        assertTrue(e.getMessage().contains("30s") || e.getMessage().contains("5m"), e.getMessage());
    }
}
