package io.sluice.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.sluice.job.PayloadValidator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an envelope's payload into the handler's payload type and runs the type's {@link PayloadValidator}. Every
 * problem becomes one message naming the field path ({@code payload.headers.X: ...}), never the value, so
 * no payload content (which may hold personal data) reaches a DLQ attribute or a log line.
 */
public final class PayloadReader<P> {
    private final Class<P> payloadClass;
    private final PayloadValidator<? super P> validator;

    public PayloadReader(Class<P> payloadClass, PayloadValidator<? super P> validator) {
        this.payloadClass = payloadClass;
        this.validator = validator;
    }

    /** The checked payload. */
    public P read(JsonNode payload) throws InvalidPayloadException {
        String outOfRange = nonFiniteNumber(payload, "payload");
        if (outOfRange != null) {
            // Jackson reads 1e400 as Infinity: no handler means that, and no hash or history write can carry it.
            throw new InvalidPayloadException(
                    outOfRange + ": number is out of range (a payload's numbers must be finite doubles)");
        }
        P value;
        try {
            value = SluiceJson.mapper().treeToValue(payload, payloadClass);
        } catch (ValueInstantiationException e) {
            // A payload record's own constructor check failed; Jackson wraps its exception. Report the
            // check's message, not Jackson's (which names our classes).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidPayloadException("payload: " + firstLine(cause.getMessage()));
        } catch (UnrecognizedPropertyException e) {
            // The class that refused the field: an embedded record's, not the payload's, when the typo is nested.
            Class<?> refusing = e.getReferringClass() != null ? e.getReferringClass() : payloadClass;
            throw new InvalidPayloadException(path(e) + ": unknown field; " + refusing.getSimpleName() + " has: "
                    + e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw new InvalidPayloadException(path(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("payload: " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            throw new InvalidPayloadException(
                    "payload could not be read: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        if (value == null) {
            throw new InvalidPayloadException("payload is missing");
        }
        List<String> problems;
        try {
            problems = validator.problems(value);
        } catch (RuntimeException e) {
            // Validation is deterministic, so retrying cannot help; say what broke instead.
            throw new InvalidPayloadException(
                    "payload validation failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (problems != null && !problems.isEmpty()) {
            throw new InvalidPayloadException(String.join("; ", problems));
        }
        return value;
    }

    /** The path of the first number that read as Infinity or NaN, or {@code null}. */
    static String nonFiniteNumber(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            return path;
        }
        if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String found = nonFiniteNumber(field.getValue(), path + "." + Excerpt.of(field.getKey()));
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nonFiniteNumber(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("payload");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        // Jackson quotes offending values in some messages; keep them out of DLQ attributes and logs.
        return line.replaceAll("from String \"[^\"]*\"", "from the given string")
                .replaceAll(" at \\[Source.*", "")
                .replaceAll(" \\(set DeserializationConfig[^)]*\\)", "")
                .replaceAll(" \\(through reference chain[^)]*\\)", "");
    }

    /** A payload that cannot run. */
    public static final class InvalidPayloadException extends Exception {
        InvalidPayloadException(String message) {
            super(message);
        }
    }
}
