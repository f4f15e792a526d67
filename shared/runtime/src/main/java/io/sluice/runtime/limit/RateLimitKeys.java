package io.sluice.runtime.limit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.RateLimitSpec;

/** Finds the budget a job's payload belongs to, from the top-level field named by {@link RateLimitSpec#key()}. */
public final class RateLimitKeys {
    /** The longest key value, so the item keys stay well inside DynamoDB's 2048-byte partition key. */
    public static final int MAX_LENGTH = 256;

    private RateLimitKeys() {}

    /**
     * The budget key for {@link RateLimiter#acquire}: {@code ""} when the spec has no key field or no limit
     * (so a payload without the field is fine while limits are switched off), otherwise the field's value.
     * A string is used as it is; a number by its value ({@code 7}, {@code 7.0} and {@code 7e0} share a budget).
     *
     * @throws InvalidRateLimitKeyException if the payload is not an object, or the field is missing, null,
     *     not a string or number, or longer than {@value #MAX_LENGTH} characters
     */
    public static String of(RateLimitSpec spec, JsonNode payload) {
        String field = spec.key();
        if (field == null || spec.isUnlimited()) {
            return "";
        }
        if (payload == null || !payload.isObject()) {
            throw new InvalidRateLimitKeyException("the payload must be a JSON object with the field '" + field
                    + "', which selects the rate-limit budget; was " + (payload == null ? "missing" : kind(payload)));
        }
        JsonNode value = payload.get(field);
        if (value == null || value.isMissingNode()) {
            throw new InvalidRateLimitKeyException(
                    "the payload lacks the field '" + field + "', which selects the rate-limit budget");
        }
        if (value.isNull()) {
            throw new InvalidRateLimitKeyException(
                    "the payload field '" + field + "', which selects the rate-limit budget, is null");
        }
        String key;
        if (value.isTextual()) {
            key = value.textValue();
        } else if (value.isIntegralNumber()) {
            key = value.bigIntegerValue().toString();
        } else if (value.isNumber()) {
            key = value.decimalValue().stripTrailingZeros().toPlainString();
        } else {
            throw new InvalidRateLimitKeyException("the payload field '" + field
                    + "', which selects the rate-limit budget, must be a string or a number, was " + kind(value));
        }
        if (key.length() > MAX_LENGTH) {
            throw new InvalidRateLimitKeyException(
                    "the payload field '" + field + "', which selects the rate-limit budget, is " + key.length()
                            + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        return key;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
