package io.sluice.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.job.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The SQS message body of a job, as specified by {@code events/schema/job-envelope.schema.json}, so
 * that any language can enqueue with a plain {@code SendMessage}. {@link EnvelopeParser} reads and checks
 * it; {@link #toJson()} writes it. Optional fields are {@code null} when absent: {@code idempotencyKey}
 * (the job id stands in), {@code createdAt} (SQS's sent time stands in), {@code source}.
 *
 * @param attempt real attempts already spent by earlier messages of this job (a deferred job is re-sent
 *     with its count, so deferral never costs retry budget); 0 for a new job
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "specVersion",
    "jobId",
    "type",
    "priority",
    "payload",
    "idempotencyKey",
    "createdAt",
    "attempt",
    "source"
})
public record JobEnvelope(
        String specVersion,
        String jobId,
        String type,
        Priority priority,
        JsonNode payload,
        String idempotencyKey,
        Instant createdAt,
        int attempt,
        String source) {

    /** The only envelope version this runtime reads and writes. */
    public static final String SPEC_VERSION = "1";

    public JobEnvelope {
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new job with a random id, created now. */
    public static JobEnvelope create(String type, Priority priority, JsonNode payload, Instant now) {
        return new JobEnvelope(SPEC_VERSION, UUID.randomUUID().toString(), type, priority, payload, null, now, 0, null);
    }

    /** The key that makes executions of this job idempotent: the explicit key, or the job id. */
    public String effectiveIdempotencyKey() {
        return idempotencyKey != null ? idempotencyKey : jobId;
    }

    public JobEnvelope withSource(String newSource) {
        return new JobEnvelope(
                specVersion, jobId, type, priority, payload, idempotencyKey, createdAt, attempt, newSource);
    }

    public JobEnvelope withJobId(String newJobId) {
        return new JobEnvelope(
                specVersion, newJobId, type, priority, payload, idempotencyKey, createdAt, attempt, source);
    }

    public JobEnvelope withAttempt(int newAttempt) {
        return new JobEnvelope(
                specVersion, jobId, type, priority, payload, idempotencyKey, createdAt, newAttempt, source);
    }

    /** The message body. */
    public String toJson() {
        try {
            ObjectNode node = SluiceJson.mapper().valueToTree(this);
            return SluiceJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise envelope of job " + jobId, e);
        }
    }
}
