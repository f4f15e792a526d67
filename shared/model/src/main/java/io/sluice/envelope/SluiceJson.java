package io.sluice.envelope;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.job.Priority;
import java.io.IOException;

/**
 * The one Jackson configuration Sluice uses for envelopes, payloads and the catalogue: ISO-8601 instants
 * and durations, and unknown payload fields refused, so that a producer's typo ({@code "urll"}) is a
 * clear validation failure instead of a silently missing value, and a field given twice refused (readers disagree
 * on which one wins). Jackson mappers are thread-safe once
 * configured, so one instance serves a whole Lambda execution environment.
 */
public final class SluiceJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(wireNames())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"priority":"low","priority":"high"}: readers disagree on which one wins (Jackson's last, others the
            // first), so a producer and Sluice could each act on a different job. Refused, on every path.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SluiceJson() {}

    // The job API carries no Jackson annotations (a job author's classpath has no Jackson), so the wire names of
    // its enums are declared here: "high", not "HIGH".
    private static SimpleModule wireNames() {
        SimpleModule module = new SimpleModule("sluice-wire-names");
        module.addSerializer(Priority.class, new JsonSerializer<>() {
            @Override
            public void serialize(Priority value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(value.wireName());
            }
        });
        module.addDeserializer(Priority.class, new JsonDeserializer<>() {
            @Override
            public Priority deserialize(JsonParser in, DeserializationContext context) throws IOException {
                String text = in.getValueAsString();
                try {
                    return Priority.fromWire(text);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(in, e.getMessage(), text, Priority.class);
                }
            }
        });
        return module;
    }

    /** The shared, immutable mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
