package io.sluice.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.job.PayloadValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding and checking payloads: what reaches a handler, and what an invalid payload's message says. */
class PayloadReaderTest {
    record Reading(String name, Double value, List<Double> more) {}

    private final PayloadReader<Reading> reader = new PayloadReader<>(Reading.class, (PayloadValidator<Reading>)
            r -> r.name() == null ? List.of("name: is required") : List.of());

    private static JsonNode json(String text) throws Exception {
        return SluiceJson.mapper().readTree(text);
    }

    @Test
    void aNumberBeyondADoubleIsRefusedNamingItsPathNotBoundAsInfinity() throws Exception {
        PayloadReader.InvalidPayloadException e = assertThrows(
                PayloadReader.InvalidPayloadException.class,
                () -> reader.read(json("{\"name\":\"t\",\"value\":1e400}")));
        assertEquals(
                "payload.value: number is out of range (a payload's numbers must be finite doubles)", e.getMessage());

        PayloadReader.InvalidPayloadException nested = assertThrows(
                PayloadReader.InvalidPayloadException.class,
                () -> reader.read(json("{\"name\":\"t\",\"more\":[1.5,-1e999]}")));
        assertEquals(
                "payload.more[1]: number is out of range (a payload's numbers must be finite doubles)",
                nested.getMessage());
    }

    @Test
    void aTinyNumberIsFinite() throws Exception {
        assertEquals(0.0, reader.read(json("{\"name\":\"t\",\"value\":1e-400}")).value());
    }

    @Test
    void theValidatorRunsAfterBinding() throws Exception {
        PayloadReader.InvalidPayloadException e =
                assertThrows(PayloadReader.InvalidPayloadException.class, () -> reader.read(json("{\"value\":2}")));
        assertEquals("name: is required", e.getMessage());
    }
}
