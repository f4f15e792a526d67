package io.sluice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sluice.envelope.SluiceJson;
import org.junit.jupiter.api.Test;

/** The payload hash behind idempotency-key conflict checks: canonical, and total on any JSON that parses. */
class PayloadHashTest {
    private static String hash(String json) throws Exception {
        return PayloadHash.of(SluiceJson.mapper().readTree(json));
    }

    @Test
    void fieldOrderAndNumberSpellingDoNotChangeTheHash() throws Exception {
        assertEquals(hash("{\"a\":1,\"b\":[1.50,2]}"), hash("{\"b\":[1.5,2.0],\"a\":1.0}"));
        assertNotEquals(hash("{\"a\":1}"), hash("{\"a\":2}"));
    }

    @Test
    void aNumberThatReadsAsInfinityHashesInsteadOfThrowing() throws Exception {
        // decimalValue() throws on Infinity; a throw inside the claim used to loop the job into the DLQ silently.
        assertEquals(hash("{\"n\":1e400}"), hash("{\"n\":1e500}"));
        assertNotEquals(hash("{\"n\":1e400}"), hash("{\"n\":-1e400}"));
    }
}
