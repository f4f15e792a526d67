package io.sluice.functions.tweet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The human-readable reason in an X API error body, for job history and the dead-letter detail. X v2 answers
 * with an RFC 7807 problem ({@code {"title": "Forbidden", "detail": "You are not allowed to create a Tweet with
 * duplicate content.", "type": "about:blank", "status": 403}}); some errors still use the v1.1 shape
 * ({@code {"errors": [{"code": 88, "message": "Rate limit exceeded"}]}}). {@code detail} is preferred, then the
 * first error's {@code message}, then {@code title}. The text is X's, never ours, so it cannot hold our
 * credentials; it is still cut to {@value #MAX_LENGTH} characters with control characters replaced, as it
 * ends up in an SQS message attribute and a log line.
 */
public final class XErrorMessage {
    public static final int MAX_LENGTH = 300;
    /** X's wording for a refused duplicate, matched case-insensitively. */
    static final String DUPLICATE = "duplicate content";

    private static final ObjectMapper JSON = new ObjectMapper();

    private XErrorMessage() {}

    /** The reason, or empty when the body is not a recognisable X error. */
    public static String of(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            return "";
        }
        if (root == null || !root.isObject()) {
            return "";
        }
        String text = textOf(root.get("detail"));
        if (text.isEmpty()) {
            JsonNode errors = root.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                text = textOf(errors.get(0).get("message"));
                if (text.isEmpty()) {
                    text = textOf(errors.get(0).get("detail"));
                }
            }
        }
        if (text.isEmpty()) {
            text = textOf(root.get("title"));
        }
        return clean(text);
    }

    /** Whether X refused the post as a duplicate of a recent one by the same account. */
    public static boolean isDuplicate(String message) {
        return message.toLowerCase(java.util.Locale.ROOT).contains(DUPLICATE);
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue().trim() : "";
    }

    private static String clean(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_LENGTH) {
            out.append('…');
        }
        return out.toString();
    }
}
