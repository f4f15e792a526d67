package io.sluice.envelope;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration Sluice uses for envelopes, payloads and the catalogue: ISO-8601 instants
 * and durations, and unknown payload fields refused, so that a producer's typo ({@code "urll"}) is a
 * clear validation failure instead of a silently missing value. Jackson mappers are thread-safe once
 * configured, so one instance serves a whole Lambda execution environment.
 */
public final class SluiceJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SluiceJson() {
    }

    /** The shared, immutable mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
