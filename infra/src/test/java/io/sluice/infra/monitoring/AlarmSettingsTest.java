package io.sluice.infra.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmSettingsTest {
    @Test
    void textSettingsAsContextGivesThemAreParsed() {
        assertEquals(
                new AlarmSettings(Duration.ofHours(1), 2.5),
                AlarmSettings.parse(Map.of("oldestMessageAge", "PT1H", "errorRatePercent", "2.5"), "x"));
        assertEquals(AlarmSettings.NONE, AlarmSettings.parse(Map.of(), "x"));
    }

    @Test
    void badTextSettingsAreRefusedNamingWhereTheyCameFrom() {
        assertEquals(
                "alarms.webhook.oldestMessageAge='30 minutes' is not an ISO-8601 duration such as PT30M",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.parse(Map.of("oldestMessageAge", "30 minutes"), "alarms.webhook"))
                        .getMessage());
        assertEquals(
                "alarms.*.errorRate='5' is not an alarm setting; known: errorRatePercent, oldestMessageAge",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.parse(Map.of("errorRate", "5"), "alarms.*"))
                        .getMessage());
        assertEquals(
                "alarms.*: errorRatePercent must be above 0 and at most 100, was 150.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.parse(Map.of("errorRatePercent", "150"), "alarms.*"))
                        .getMessage());
    }

    @Test
    void aValueOutsideItsRangeIsRefusedRepeatingTheValueAndTheRange() {
        assertEquals(
                "errorRatePercent must be above 0 and at most 100, was 0.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.builder()
                                        .errorRatePercent(0)
                                        .build())
                        .getMessage());
        assertEquals(
                "errorRatePercent must be above 0 and at most 100, was 100.5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.builder()
                                        .errorRatePercent(100.5)
                                        .build())
                        .getMessage());
        assertEquals(
                "oldestMessageAge must be between PT1M and P14D, was PT30S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.builder()
                                        .oldestMessageAge(Duration.ofSeconds(30))
                                        .build())
                        .getMessage());
        assertEquals(
                "oldestMessageAge must be between PT1M and P14D, was PT360H",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> AlarmSettings.builder()
                                        .oldestMessageAge(Duration.ofDays(15))
                                        .build())
                        .getMessage());
    }

    @Test
    void aTypesOwnValueWinsOverTheValueForEveryType() {
        AlarmSettings everyType = new AlarmSettings(Duration.ofMinutes(20), 5.0);
        assertEquals(
                new AlarmSettings(Duration.ofMinutes(45), 5.0),
                AlarmSettings.builder()
                        .oldestMessageAge(Duration.ofMinutes(45))
                        .build()
                        .orElse(everyType));
        assertEquals(everyType, AlarmSettings.NONE.orElse(everyType));
    }
}
