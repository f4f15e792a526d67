package io.sluice.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Page tokens alone: a LastEvaluatedKey survives the round trip, and a foreign token is refused by name. */
class PageTokensTest {

    @Test
    void aLastEvaluatedKeyComesBackAsTheNextExclusiveStartKey() {
        Map<String, AttributeValue> key = Map.of(
                "pk",
                AttributeValue.fromS("JOB#j1"),
                "typeState",
                AttributeValue.fromS("mail#succeeded"),
                "stateAt",
                AttributeValue.fromS("2031-03-01T00:00:00.000Z#j1"));

        assertEquals(key, PageTokens.decode(PageTokens.encode(key)));
    }

    @Test
    void theLastPageHasNoToken() {
        assertNull(PageTokens.encode(null));
        assertNull(PageTokens.encode(Map.of()));
    }

    @Test
    void aTokenThisStoreDidNotIssueIsRefusedNamingIt() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PageTokens.decode("not base64!"));
        assertEquals("page token 'not base64!' is not one this store issued", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PageTokens.decode(""));
    }
}
