package io.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.catalogue.JobClasses;
import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.PayloadReader;
import io.sluice.envelope.SluiceJson;

/**
 * The payload check of one job type at enqueue: the same binding to the payload class and the same
 * {@link io.sluice.job.PayloadValidator} the function runs, so a payload the function would dead-letter as invalid
 * is refused at the caller. No handler is created: a producer needs neither the handler's settings nor its clients.
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

    static PayloadCheck of(JobDefinition definition) {
        return new PayloadCheck(JobClasses.payloadReader(definition));
    }

    /** The payload as the envelope will carry it, or a {@link JobRejectedException} naming each problem. */
    JsonNode check(Object payload) {
        JsonNode tree = tree(payload);
        if (tree == null || !tree.isObject()) {
            throw new JobRejectedException("payload must be a JSON object, was "
                    + (tree == null ? "null" : tree.getNodeType().toString().toLowerCase()));
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
