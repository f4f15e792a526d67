package io.sluice.runtime.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.envelope.SluiceJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitKeysTest {
    private static final RateLimitSpec BY_DAO = new RateLimitSpec(0, 3, 0, Duration.ZERO, "daoId");

    private static JsonNode json(String text) {
        try {
            return SluiceJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String refusal(String payload) {
        return assertThrows(InvalidRateLimitKeyException.class, () -> RateLimitKeys.of(BY_DAO, json(payload)))
                .getMessage();
    }

    @Test
    void aTypeWithoutAKeyFieldHasOneBudget() {
        assertEquals(
                "", RateLimitKeys.of(new RateLimitSpec(0, 3, 0, Duration.ZERO, null), json("{\"daoId\": \"dao-1\"}")));
        assertEquals("", RateLimitKeys.of(new RateLimitSpec(0, 3, 0, Duration.ZERO, null), null));
    }

    @Test
    void aKeyFieldIsNotNeededWhileNoLimitIsSet() {
        assertEquals("", RateLimitKeys.of(new RateLimitSpec(0, 0, 0, Duration.ZERO, "daoId"), json("{}")));
    }

    @Test
    void usesAStringAsItIs() {
        assertEquals("dao-1", RateLimitKeys.of(BY_DAO, json("{\"daoId\": \"dao-1\", \"text\": \"hello\"}")));
        assertEquals("a#b c", RateLimitKeys.of(BY_DAO, json("{\"daoId\": \"a#b c\"}")));
        assertEquals("", RateLimitKeys.of(BY_DAO, json("{\"daoId\": \"\"}")));
    }

    @Test
    void usesANumberByItsValue() {
        assertEquals("42", RateLimitKeys.of(BY_DAO, json("{\"daoId\": 42}")));
        assertEquals("42", RateLimitKeys.of(BY_DAO, json("{\"daoId\": 42.0}")));
        assertEquals("12345678901234567890123", RateLimitKeys.of(BY_DAO, json("{\"daoId\": 12345678901234567890123}")));
        assertEquals("0.5", RateLimitKeys.of(BY_DAO, json("{\"daoId\": 0.50}")));
    }

    @Test
    void refusesAPayloadWithoutTheField() {
        assertEquals(
                "the payload lacks the field 'daoId', which selects the rate-limit budget",
                refusal("{\"dao\": \"dao-1\"}"));
    }

    @Test
    void refusesANullField() {
        assertEquals(
                "the payload field 'daoId', which selects the rate-limit budget, is null",
                refusal("{\"daoId\": null}"));
    }

    @Test
    void refusesAFieldThatIsNeitherStringNorNumber() {
        assertEquals(
                "the payload field 'daoId', which selects the rate-limit budget, must be a string or a number, was an object",
                refusal("{\"daoId\": {\"id\": 1}}"));
        assertEquals(
                "the payload field 'daoId', which selects the rate-limit budget, must be a string or a number, was an array",
                refusal("{\"daoId\": [1]}"));
        assertEquals(
                "the payload field 'daoId', which selects the rate-limit budget, must be a string or a number, was a boolean",
                refusal("{\"daoId\": true}"));
    }

    @Test
    void refusesAPayloadThatIsNotAnObject() {
        assertEquals(
                "the payload must be a JSON object with the field 'daoId', which selects the rate-limit budget; was an array",
                refusal("[\"dao-1\"]"));
        assertEquals(
                "the payload must be a JSON object with the field 'daoId', which selects the rate-limit budget; was missing",
                assertThrows(InvalidRateLimitKeyException.class, () -> RateLimitKeys.of(BY_DAO, null))
                        .getMessage());
    }

    @Test
    void refusesAKeyTooLongForAnItemKey() {
        String longest = "x".repeat(RateLimitKeys.MAX_LENGTH);
        assertEquals(longest, RateLimitKeys.of(BY_DAO, json("{\"daoId\": \"" + longest + "\"}")));
        assertEquals(
                "the payload field 'daoId', which selects the rate-limit budget, is 257 characters long; at most 256 are allowed",
                refusal("{\"daoId\": \"" + longest + "x\"}"));
    }
}
