package io.sluice.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.InvalidEnvelopeException.Kind;
import io.sluice.job.Priority;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a job envelope, field by field, with the rules of
 * {@code events/schema/job-envelope.schema.json}. The checks are hand-written rather than a JSON Schema
 * validator so the Lambda jar stays small and each message says exactly which field is wrong;
 * {@code EnvelopeSchemaAgreementTest} proves the two agree on every sample.
 */
public final class EnvelopeParser {
    /** Job ids: what a UUID, a ULID or a "schedule:time" id needs, and safe in keys and logs. */
    public static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    static final int MAX_KEY_LENGTH = 256;
    static final int MAX_SOURCE_LENGTH = 128;
    /** The most attempts an envelope may say were spent already; far above any type's budget, far below overflow. */
    static final int MAX_ATTEMPT = 1_000_000;

    private static final Set<String> FIELDS = Set.of(
            "specVersion", "jobId", "type", "priority", "payload", "idempotencyKey", "createdAt", "attempt", "source");

    /**
     * Parses a message body.
     *
     * @throws InvalidEnvelopeException naming the first problem found
     */
    public JobEnvelope parse(String body) throws InvalidEnvelopeException {
        return parse(body, null);
    }

    /**
     * Parses a message body that arrived on the queue of {@code queuePriority}: a body without a priority takes the
     * queue's (it is what the job is), and one that names another is refused as {@link Kind#WRONG_QUEUE}, since the
     * priority a job is recorded and counted under must be the one whose capacity ran it.
     *
     * @param queuePriority the priority of the queue the message came from, or {@code null} when unknown
     * @throws InvalidEnvelopeException naming the first problem found
     */
    public JobEnvelope parse(String body, Priority queuePriority) throws InvalidEnvelopeException {
        JsonNode root;
        try {
            root = SluiceJson.mapper().readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw invalid("body nests deeper than "
                    + com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH
                    + " levels, the most Sluice reads (or is larger than it reads)");
        } catch (JsonProcessingException e) {
            String duplicate = duplicateField(e);
            if (duplicate != null) {
                throw invalid("field '" + Excerpt.of(duplicate) + "' is given twice; give each field once (JSON"
                        + " readers disagree on which one wins)");
            }
            // Jackson's own message quotes the offending token, which may be a secret a producer mistyped
            // ({"Authorization":Bearer sk_live_...}); say where it broke and what kind of break, never what was there.
            throw new InvalidEnvelopeException(Kind.MALFORMED_JSON, "body is not valid JSON: " + jsonProblem(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEnvelopeException(Kind.MALFORMED_JSON, "body is empty");
        }
        if (!root.isObject()) {
            throw invalid("body must be a JSON object, was "
                    + root.getNodeType().toString().toLowerCase());
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(
                        "unknown field '" + Excerpt.of(name)
                                + "'; an envelope has: specVersion, jobId, type, priority, payload, idempotencyKey, createdAt, attempt, source");
            }
        }
        String specVersion = requiredString(root, "specVersion");
        if (!JobEnvelope.SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEnvelopeException(
                    Kind.UNSUPPORTED_SPEC_VERSION,
                    "specVersion '" + Excerpt.of(specVersion) + "' is not supported; this runtime reads specVersion '"
                            + JobEnvelope.SPEC_VERSION + "'");
        }
        String jobId = requiredString(root, "jobId");
        if (!JOB_ID.matcher(jobId).matches()) {
            throw invalid("jobId must be 1 to 128 letters, digits or _ . : - starting with a letter or digit");
        }
        String type = requiredString(root, "type");
        Priority priority = queuePriority != null ? queuePriority : Priority.NORMAL;
        String priorityText = optionalString(root, "priority");
        if (priorityText != null) {
            try {
                priority = Priority.fromWire(priorityText);
            } catch (IllegalArgumentException e) {
                throw invalid("priority '" + Excerpt.of(priorityText) + "' is not one of high, normal, low");
            }
            if (queuePriority != null && priority != queuePriority) {
                throw new InvalidEnvelopeException(
                        Kind.WRONG_QUEUE,
                        "priority '" + priority.wireName() + "' does not belong to this queue, which serves priority '"
                                + queuePriority.wireName() + "'; send it to the " + priority.wireName()
                                + " queue, or leave priority out");
            }
        }
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            throw invalid("payload is missing");
        }
        if (!payload.isObject()) {
            throw invalid("payload must be a JSON object, was "
                    + payload.getNodeType().toString().toLowerCase());
        }
        String idempotencyKey = optionalString(root, "idempotencyKey");
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw invalid("idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Instant createdAt = null;
        String createdText = optionalString(root, "createdAt");
        if (createdText != null) {
            try {
                createdAt = Instant.parse(createdText);
            } catch (DateTimeParseException e) {
                throw invalid("createdAt '" + Excerpt.of(createdText)
                        + "' is not an ISO-8601 UTC instant such as 2026-11-23T10:00:00Z");
            }
        }
        int attempt = 0;
        JsonNode attemptNode = root.get("attempt");
        if (attemptNode != null && !attemptNode.isNull()) {
            // Bounded far below Integer.MAX_VALUE, so attempt + 1 can never overflow into a negative attempt.
            if (!attemptNode.isIntegralNumber()
                    || !attemptNode.canConvertToInt()
                    || attemptNode.intValue() < 0
                    || attemptNode.intValue() > MAX_ATTEMPT) {
                throw invalid("attempt must be a whole number from 0 to " + MAX_ATTEMPT + ", was "
                        + Excerpt.of(attemptNode.toString()));
            }
            attempt = attemptNode.intValue();
        }
        String source = optionalString(root, "source");
        if (source != null && (source.isEmpty() || source.length() > MAX_SOURCE_LENGTH)) {
            throw invalid("source must be 1 to " + MAX_SOURCE_LENGTH + " characters");
        }
        return JobEnvelope.builder()
                .specVersion(specVersion)
                .jobId(jobId)
                .type(type)
                .priority(priority)
                .payload(payload)
                .idempotencyKey(idempotencyKey)
                .createdAt(createdAt)
                .attempt(attempt)
                .source(source)
                .build();
    }

    /** The field a strict parser found twice, or {@code null} for any other problem. */
    private static String duplicateField(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        var m = java.util.regex.Pattern.compile("^Duplicate field '(.*)'$", java.util.regex.Pattern.DOTALL)
                .matcher(original);
        return m.matches() ? m.group(1) : null;
    }

    private static String jsonProblem(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String kind = e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                        || original.startsWith("Unexpected end-of-input")
                ? "the text ends before the JSON does"
                : original.startsWith("Unrecognized token")
                        ? "an unquoted word or token"
                        : original.startsWith("Duplicate field") ? "a field given twice" : "an unexpected character";
        com.fasterxml.jackson.core.JsonLocation where = e.getLocation();
        return where == null ? kind : kind + " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    private static String requiredString(JsonNode root, String field) throws InvalidEnvelopeException {
        String value = optionalString(root, field);
        if (value == null) {
            throw invalid(field + " is missing");
        }
        if (value.isBlank()) {
            throw invalid(field + " must not be blank");
        }
        return value;
    }

    private static String optionalString(JsonNode root, String field) throws InvalidEnvelopeException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string, was "
                    + node.getNodeType().toString().toLowerCase());
        }
        return node.textValue();
    }

    private static InvalidEnvelopeException invalid(String message) {
        return new InvalidEnvelopeException(Kind.INVALID_ENVELOPE, message);
    }
}
