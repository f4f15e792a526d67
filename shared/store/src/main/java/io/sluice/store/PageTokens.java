package io.sluice.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque page tokens of history queries: DynamoDB's {@code LastEvaluatedKey} (every attribute of it a
 * text: the table's and the indexes' keys are all strings) as URL-safe Base64, so a token can travel in a
 * URL or on a command line and come back as the next query's {@code ExclusiveStartKey}.
 */
final class PageTokens {
    private PageTokens() {}

    /** The token of the page after the one that ended at {@code lastEvaluatedKey}; {@code null} after the last page. */
    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(lastEvaluatedKey)
                .forEach((k, v) -> text.append(k).append('\u0000').append(v.s()).append('\u0000'));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key a token stands for; throws {@link IllegalArgumentException} for a token this store did not issue. */
    static Map<String, AttributeValue> decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notIssued(token);
        }
        String[] parts = text.split("\u0000", -1);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            key.put(parts[i], JobsTableEncoding.text(parts[i + 1]));
        }
        if (key.isEmpty()) {
            throw notIssued(token);
        }
        return key;
    }

    private static IllegalArgumentException notIssued(String token) {
        return new IllegalArgumentException("page token '" + token + "' is not one this store issued");
    }
}
