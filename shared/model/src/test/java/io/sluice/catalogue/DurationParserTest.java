package io.sluice.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationParserTest {
    @Test
    void readsIso8601Text() {
        assertEquals(Duration.ofSeconds(30), DurationParser.parse("timeout", "PT30S"));
        assertEquals(Duration.ofDays(7), DurationParser.parse("timeout", "p7d"));
    }

    @Test
    void refusesAnythingElseNamingTheSettingTheTextAndTheForm() {
        DurationParser.InvalidDuration e =
                assertThrows(DurationParser.InvalidDuration.class, () -> DurationParser.parse("timeout", "30s"));
        assertEquals("timeout='30s' is not an ISO-8601 duration such as PT30S", e.getMessage());
        assertEquals(
                "SLUICE_X='7 days' is not an ISO-8601 duration such as P7D",
                assertThrows(IllegalArgumentException.class, () -> DurationParser.parse("SLUICE_X", "7 days", "P7D"))
                        .getMessage());
    }
}
