package io.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import io.sluice.runtime.JobHandlerLoader;
import io.sluice.runtime.PayloadReader;

/**
 * The payload check of one job type at enqueue: the same binding to the payload class and the same
 * {@link JobHandler#validate} the function runs, so a payload the function would dead-letter as invalid is
 * refused at the caller. A handler that cannot be created in the producer (it needs a secret only the function
 * has) still gets the binding check, which catches missing, unknown and mistyped fields.
 */
final class PayloadCheck {
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final PayloadReader<?> reader;

    private PayloadCheck(PayloadReader<?> reader) {
        this.reader = reader;
    }

    static PayloadCheck of(JobDefinition definition, JobConfig config) {
        return new PayloadCheck(reader(definition, config));
    }

    private static <P> PayloadReader<P> reader(JobDefinition definition, JobConfig config) {
        @SuppressWarnings("unchecked")
        Class<P> payloadClass = (Class<P>) JobHandlerLoader.load(definition.payloadClass(), definition);
        JobHandler<P> handler;
        try {
            @SuppressWarnings("unchecked")
            JobHandler<P> created = (JobHandler<P>) JobHandlerLoader.instantiate(definition, config);
            handler = created;
        } catch (IllegalStateException e) {
            // Never fall back to a weaker check: a payload the function would refuse must not be sent.
            throw new IllegalStateException("cannot check payloads of job type '" + definition.type() + "' before sending: "
                    + e.getMessage() + "; give the client the configuration the handler needs with"
                    + " SluiceClient.builder().handlerConfig(...)", e);
        }
        return new PayloadReader<>(payloadClass, handler);
    }

    /** The payload as the envelope will carry it, or a {@link JobRejectedException} naming each problem. */
    JsonNode check(Object payload) {
        JsonNode tree = tree(payload);
        if (tree == null || !tree.isObject()) {
            throw new JobRejectedException("payload must be a JSON object, was " + (tree == null ? "null" : tree.getNodeType().toString().toLowerCase()));
        }
        try {
            reader.read(tree);
        } catch (PayloadReader.InvalidPayloadException e) {
            throw new JobRejectedException("invalid payload: " + e.getMessage());
        }
        return tree;
    }

    private static JsonNode tree(Object payload) {
        if (payload == null) {
            return null;
        }
        if (payload instanceof JsonNode node) {
            return node;
        }
        if (payload instanceof String text) {
            try {
                return EXACT.readTree(text);
            } catch (JsonProcessingException e) {
                throw new JobRejectedException("payload is not JSON: " + e.getOriginalMessage());
            }
        }
        try {
            return SluiceJson.mapper().valueToTree(payload);
        } catch (IllegalArgumentException e) {
            throw new JobRejectedException("payload cannot be written as JSON: " + e.getMessage());
        }
    }
}
