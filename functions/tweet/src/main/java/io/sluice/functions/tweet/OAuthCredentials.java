package io.sluice.functions.tweet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The four OAuth 1.0a user-context credentials of one X account and app, as kept in one secret:
 *
 * <pre>{@code
 * {"consumerKey": "…", "consumerSecret": "…", "accessToken": "…", "accessTokenSecret": "…"}
 * }</pre>
 *
 * X's developer console calls the first pair "API Key and Secret" and the second "Access Token and Secret"
 * (the token must have read and write permission to post). {@link #toString()} shows only the public consumer
 * key's first characters, so a credentials object that reaches a log line by accident leaks nothing usable.
 */
public record OAuthCredentials(
        String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
    /** The JSON field names, in the order they are checked. */
    public static final List<String> FIELDS =
            List.of("consumerKey", "consumerSecret", "accessToken", "accessTokenSecret");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a credentials secret.
     *
     * @param secretName used in messages only
     * @throws IllegalArgumentException naming the secret and the missing or malformed fields, never a value
     */
    public static OAuthCredentials parse(String secretJson, String secretName) {
        JsonNode root;
        try {
            root = JSON.readTree(secretJson);
        } catch (JsonProcessingException e) {
            // Jackson's message would quote the secret's text.
            throw new IllegalArgumentException(
                    "secret '" + secretName + "' is not a JSON object with " + String.join(", ", FIELDS));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "secret '" + secretName + "' is not a JSON object with " + String.join(", ", FIELDS));
        }
        List<String> missing = new ArrayList<>();
        for (String field : FIELDS) {
            JsonNode value = root.get(field);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("secret '" + secretName + "' lacks a non-empty string "
                    + String.join(", ", missing) + " (it needs " + String.join(", ", FIELDS) + ")");
        }
        return new OAuthCredentials(
                root.get("consumerKey").textValue().trim(),
                root.get("consumerSecret").textValue().trim(),
                root.get("accessToken").textValue().trim(),
                root.get("accessTokenSecret").textValue().trim());
    }

    @Override
    public String toString() {
        String hint = consumerKey == null ? "?" : consumerKey.substring(0, Math.min(4, consumerKey.length())) + "…";
        return "OAuthCredentials[consumerKey=" + hint + ", secrets redacted]";
    }
}
