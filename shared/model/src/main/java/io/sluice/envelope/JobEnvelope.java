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
 * <p>Build one with {@link #builder()} (or change one with {@link #toBuilder()}) rather than the canonical
 * constructor: a field added to the envelope is then added in the builder alone, and every producer path (the
 * client, schedules, the rehearsal, tests) picks up its default without a change.
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

    /**
     * An envelope to fill in: {@code specVersion} is {@link #SPEC_VERSION}, {@code attempt} 0 and every optional
     * field absent until set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this envelope, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .specVersion(specVersion)
                .jobId(jobId)
                .type(type)
                .priority(priority)
                .payload(payload)
                .idempotencyKey(idempotencyKey)
                .createdAt(createdAt)
                .attempt(attempt)
                .source(source);
    }

    /** A new job with a random id, created now. */
    public static JobEnvelope create(String type, Priority priority, JsonNode payload, Instant now) {
        return builder()
                .jobId(UUID.randomUUID().toString())
                .type(type)
                .priority(priority)
                .payload(payload)
                .createdAt(now)
                .build();
    }

    /** The key that makes executions of this job idempotent: the explicit key, or the job id. */
    public String effectiveIdempotencyKey() {
        return idempotencyKey != null ? idempotencyKey : jobId;
    }

    public JobEnvelope withSource(String newSource) {
        return toBuilder().source(newSource).build();
    }

    public JobEnvelope withJobId(String newJobId) {
        return toBuilder().jobId(newJobId).build();
    }

    public JobEnvelope withAttempt(int newAttempt) {
        return toBuilder().attempt(newAttempt).build();
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

    /**
     * Collects an envelope's fields by name; {@link #build()} checks the required ones ({@code jobId}, {@code type},
     * {@code priority}, {@code payload}) as the record does.
     */
    public static final class Builder {
        private String specVersion = SPEC_VERSION;
        private String jobId;
        private String type;
        private Priority priority;
        private JsonNode payload;
        private String idempotencyKey;
        private Instant createdAt;
        private int attempt;
        private String source;

        private Builder() {}

        /** Defaults to {@link #SPEC_VERSION}; only the parser, echoing what it read, sets another. */
        public Builder specVersion(String specVersion) {
            this.specVersion = specVersion;
            return this;
        }

        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public Builder payload(JsonNode payload) {
            this.payload = payload;
            return this;
        }

        /** Defaults to absent: the job id stands in. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** Defaults to absent: SQS's sent time stands in. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /** Defaults to 0, a new job. */
        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        /** Defaults to absent. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public JobEnvelope build() {
            return new JobEnvelope(
                    specVersion, jobId, type, priority, payload, idempotencyKey, createdAt, attempt, source);
        }
    }
}
