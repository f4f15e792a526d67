package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.local.scheduler.SchedulerError;
import io.sluice.local.scheduler.SchedulerException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads the members of one JSON structure of a request, checking each against its shape in the service model
 * (required, length, pattern, range, enum) and refusing it as AWS does, with the member's path in the
 * request: {@code target.roleArn}, {@code flexibleTimeWindow.mode}. A member of the wrong JSON type is a
 * {@code SerializationException}, as the service answers it; a value out of bounds a {@code ValidationException}.
 */
final class RequestFields {
    private final JsonNode node;
    private final String path;

    private RequestFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The members of a request body. */
    static RequestFields of(JsonNode body) {
        return new RequestFields(body, "");
    }

    /** A string member; {@code null} when absent and not required. */
    String string(String member, boolean required, int min, int max, Pattern pattern) {
        JsonNode value = value(member, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(member, "a string");
        }
        return check(field(member), value.asText(), min, max, pattern);
    }

    /** An integer member within {@code min..max}; {@code null} when absent and not required. */
    Integer integer(String member, boolean required, int min, int max) {
        JsonNode value = value(member, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(member, "an integer");
        }
        return checkRange(field(member), value.asInt(), min, max);
    }

    /**
     * A timestamp member: epoch seconds, as the restJson1 protocol writes them (fractions allowed), or an
     * ISO-8601 instant, which some hand-written clients send.
     */
    Instant timestamp(String member) {
        JsonNode value = value(member, false);
        if (value == null) {
            return null;
        }
        try {
            if (value.isNumber()) {
                return epochSeconds(value.decimalValue());
            }
            if (value.isTextual()) {
                String text = value.asText().trim();
                return text.matches("-?\\d+(\\.\\d+)?") ? epochSeconds(new BigDecimal(text)) : Instant.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // Reported below, with the other unreadable values.
        }
        throw wrongType(member, "a timestamp (epoch seconds or an ISO-8601 instant)");
    }

    /** An enum member whose JSON value is one of the constant names; {@code null} when absent and not required. */
    <E extends Enum<E>> E choice(String member, Class<E> type, boolean required) {
        String text = string(member, required, 1, Integer.MAX_VALUE, null);
        return text == null ? null : choice(field(member), text, type);
    }

    /** A nested structure; {@code null} when absent and not required. */
    RequestFields structure(String member, boolean required) {
        JsonNode value = value(member, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(member, "an object");
        }
        return new RequestFields(value, field(member));
    }

    /** Checks a string against its shape; for members, path and query values alike. */
    static String check(String field, String value, int min, int max, Pattern pattern) {
        if (value.length() < min) {
            throw SchedulerException.invalid(field, value, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw SchedulerException.invalid(field, value, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw SchedulerException.invalid(
                    field, value, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    /** A schedule or group name from the path, a query parameter or a member ({@code null} passes: absent). */
    static String name(String field, String value) {
        return value == null ? null : check(field, value, 1, 64, ScheduleShapes.NAME);
    }

    /** A client token from a query parameter ({@code null} passes: absent). */
    static String clientToken(String field, String value) {
        return value == null ? null : check(field, value, 1, 64, ScheduleShapes.CLIENT_TOKEN);
    }

    /** The {@code MaxResults} query parameter of the list operations, 1 to 100; {@code null} when absent. */
    static Integer maxResults(String value) {
        if (value == null) {
            return null;
        }
        try {
            return checkRange("maxResults", Integer.parseInt(value), 1, 100);
        } catch (NumberFormatException e) {
            throw SchedulerException.invalid("maxResults", value, "Member must be an integer");
        }
    }

    /** The {@code NextToken} query parameter: 1 to 2048 characters; whether it is one of ours is the registry's concern. */
    static String nextToken(String value) {
        return value == null ? null : check("nextToken", value, 1, 2048, null);
    }

    static int checkRange(String field, int value, int min, int max) {
        if (value < min) {
            throw SchedulerException.invalid(field, value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw SchedulerException.invalid(field, value, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw SchedulerException.invalid(
                    field, value, "Member must satisfy enum value set: " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** {@code Target} becomes {@code target}, under the structure's own path. */
    private String field(String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? camel : path + "." + camel;
    }

    private JsonNode value(String member, boolean required) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw SchedulerException.missing(field(member));
            }
            return null;
        }
        return value;
    }

    private SchedulerException wrongType(String member, String expected) {
        JsonNode value = node.get(member);
        return new SchedulerException(
                SchedulerError.SERIALIZATION,
                "Value " + (value == null ? "null" : value.toString()) + " at '" + field(member) + "' is not "
                        + expected);
    }

    private static Instant epochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole)
                .movePointRight(9)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .intValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** An empty body, for requests that carry none. */
    static JsonNode emptyBody() {
        return JsonNodeFactory.instance.objectNode();
    }
}
