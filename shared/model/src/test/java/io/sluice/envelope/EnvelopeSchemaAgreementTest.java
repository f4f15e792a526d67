package io.sluice.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sluice.envelope.InvalidEnvelopeException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The envelope has two definitions: the JSON Schema that producers in other languages validate against
 * ({@code events/schema/job-envelope.schema.json}) and {@link EnvelopeParser}, which the runtime uses. This
 * test holds them to one meaning: every sample in {@code events/envelopes/} is accepted by both or refused by
 * both, and a refused sample is refused for the reason its file name announces.
 */
class EnvelopeSchemaAgreementTest {
    /** Maven runs tests in the module directory, so the repository's events/ is one level up. */
    static final Path EVENTS = Path.of("..", "..", "events");

    static final Path ENVELOPES = EVENTS.resolve("envelopes");
    static final Path SCHEMA = EVENTS.resolve("schema").resolve("job-envelope.schema.json");

    private static JsonSchema schema;
    private final EnvelopeParser parser = new EnvelopeParser();

    @BeforeAll
    static void loadSchema() throws IOException {
        // Format assertions are off by default in draft 2020-12 (format is an annotation there); a producer's
        // validator may have them either way, so the schema also pins createdAt with a pattern. Turn them on
        // here to check both.
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8), config);
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(ENVELOPES)) {
            List<Path> list =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
            return list.stream();
        }
    }

    @Test
    void samplesCoverEveryOutcome() throws IOException {
        Set<String> prefixes =
                samples().map(EnvelopeSchemaAgreementTest::expectation).collect(Collectors.toSet());
        assertEquals(Set.of("valid", "malformed-json", "unsupported-spec-version", "invalid-envelope"), prefixes);
    }

    @Test
    void schemaDeclaresItsIdAndDraft() throws IOException {
        JsonNode node = SluiceJson.mapper().readTree(SCHEMA.toFile());
        assertEquals(
                "https://sluice.io/schemas/job-envelope/1.json",
                node.path("$id").asText());
        assertEquals(
                "https://json-schema.org/draft/2020-12/schema",
                node.path("$schema").asText());
        assertFalse(node.path("additionalProperties").asBoolean(true));
        node.path("properties")
                .fields()
                .forEachRemaining(field -> assertFalse(
                        field.getValue().path("description").asText().isBlank(),
                        field.getKey() + " needs a description"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void schemaAndParserAgreeOnSample(Path sample) throws IOException {
        String body = Files.readString(sample, StandardCharsets.UTF_8);
        String expected = expectation(sample);

        String parserVerdict;
        try {
            parser.parse(body);
            parserVerdict = "valid";
        } catch (InvalidEnvelopeException e) {
            parserVerdict = e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        assertEquals(expected, parserVerdict, "parser verdict on " + sample.getFileName());

        if (expected.equals("malformed-json")) {
            // Not JSON: nothing for a schema to judge. Jackson must refuse it too, or the sample is mislabelled.
            assertThrows(IOException.class, () -> {
                JsonNode tree = SluiceJson.mapper().readTree(body);
                if (tree == null || tree.isMissingNode()) {
                    throw new IOException("empty");
                }
            });
            return;
        }
        Set<ValidationMessage> errors = schema.validate(SluiceJson.mapper().readTree(body));
        if (expected.equals("valid")) {
            assertTrue(
                    errors.isEmpty(),
                    "schema refuses " + sample.getFileName() + " which the parser accepts: " + errors);
        } else if (errors.isEmpty()) {
            fail("schema accepts " + sample.getFileName() + " which the parser refuses as " + parserVerdict);
        }
    }

    /** {@code invalid-envelope--bad-priority.json} expects {@code invalid-envelope}. */
    static String expectation(Path sample) {
        String name = sample.getFileName().toString();
        int cut = name.indexOf("--");
        if (cut < 0) {
            throw new IllegalArgumentException("sample " + name + " must be named <expected outcome>--<case>.json");
        }
        String prefix = name.substring(0, cut);
        if (!prefix.equals("valid")) {
            Kind.valueOf(prefix.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return prefix;
    }
}
