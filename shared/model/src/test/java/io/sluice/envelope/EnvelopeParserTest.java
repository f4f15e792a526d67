package io.sluice.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.envelope.InvalidEnvelopeException.Kind;
import io.sluice.job.Priority;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser's messages are a contract: they are written to the dead-letter queue as
 * {@code sluice-dead-letter-detail} and shown to operators, so each one is pinned here word for word.
 */
class EnvelopeParserTest {
    private static final String ENVELOPE_FIELDS =
            "specVersion, jobId, type, priority, payload, idempotencyKey, createdAt, attempt, source";

    private final EnvelopeParser parser = new EnvelopeParser();

    /** A valid minimal envelope with one field replaced by raw JSON ({@code null} removes the field). */
    private static String with(String field, String json) {
        ObjectNode node =
                (ObjectNode) read("{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"testjob\",\"payload\":{}}");
        if (json == null) {
            node.remove(field);
        } else {
            node.set(field, read(json));
        }
        return node.toString();
    }

    private static JsonNode read(String json) {
        try {
            return SluiceJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private InvalidEnvelopeException refused(String body) {
        return assertThrows(InvalidEnvelopeException.class, () -> parser.parse(body));
    }

    private void assertInvalid(String body, String message) {
        InvalidEnvelopeException e = refused(body);
        assertEquals(Kind.INVALID_ENVELOPE, e.kind());
        assertEquals(message, e.getMessage());
    }

    @Test
    void readsEveryFieldOfAFullEnvelope() throws Exception {
        JobEnvelope e =
                parser.parse("{\"specVersion\":\"1\",\"jobId\":\"01JD3Z6Q8Y\",\"type\":\"tweet\",\"priority\":\"high\","
                        + "\"payload\":{\"text\":\"hi\"},\"idempotencyKey\":\"k-1\",\"createdAt\":\"2026-11-23T10:00:00Z\",\"attempt\":2,"
                        + "\"source\":\"dao-service\"}");
        assertEquals("1", e.specVersion());
        assertEquals("01JD3Z6Q8Y", e.jobId());
        assertEquals("tweet", e.type());
        assertEquals(Priority.HIGH, e.priority());
        assertEquals(read("{\"text\":\"hi\"}"), e.payload());
        assertEquals("k-1", e.idempotencyKey());
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), e.createdAt());
        assertEquals(2, e.attempt());
        assertEquals("dao-service", e.source());
    }

    @Test
    void fillsDefaultsForAbsentOptionalFields() throws Exception {
        JobEnvelope e = parser.parse(with("source", null));
        assertEquals(Priority.NORMAL, e.priority());
        assertEquals(0, e.attempt());
        assertNull(e.idempotencyKey());
        assertNull(e.createdAt());
        assertNull(e.source());
        assertEquals("job-1", e.effectiveIdempotencyKey(), "the job id stands in for a missing idempotency key");
    }

    @Test
    void treatsNullOptionalFieldsAsAbsent() throws Exception {
        String body =
                "{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"testjob\",\"payload\":{},\"priority\":null,"
                        + "\"idempotencyKey\":null,\"createdAt\":null,\"attempt\":null,\"source\":null}";
        assertEquals(parser.parse(with("source", null)), parser.parse(body));
    }

    @Test
    void acceptsCreatedAtWithANumericOffsetAsTheSameInstant() throws Exception {
        assertEquals(
                Instant.parse("2026-11-23T10:00:00Z"),
                parser.parse(with("createdAt", "\"2026-11-23T11:00:00+01:00\"")).createdAt());
    }

    @Test
    void acceptsCreatedAtWithLowerCaseSeparatorsAsRfc3339Allows() throws Exception {
        assertEquals(
                Instant.parse("2026-11-23T10:00:00Z"),
                parser.parse(with("createdAt", "\"2026-11-23t10:00:00z\"")).createdAt());
    }

    @Test
    void acceptsValuesAtEveryLengthLimit() throws Exception {
        String body = with("jobId", "\"" + "j".repeat(128) + "\"");
        assertEquals(128, parser.parse(body).jobId().length());
        assertEquals(
                256,
                parser.parse(with("idempotencyKey", "\"" + "k".repeat(256) + "\""))
                        .idempotencyKey()
                        .length());
        assertEquals(
                128,
                parser.parse(with("source", "\"" + "s".repeat(128) + "\""))
                        .source()
                        .length());
        assertEquals(
                EnvelopeParser.MAX_ATTEMPT,
                parser.parse(with("attempt", String.valueOf(EnvelopeParser.MAX_ATTEMPT)))
                        .attempt());
    }

    @Test
    void acceptsJobIdsShapedLikeUuidsUlidsAndScheduleIds() throws Exception {
        for (String id : new String[] {
            "7d444840-9dc0-11d1-b245-5ffdce74fad2",
            "01JD3Z6Q8Y4V9K2M7N5P0R1S3T",
            "schedule:nightly:2026-11-23T02:00:00Z",
            "a_b.c"
        }) {
            assertEquals(id, parser.parse(with("jobId", "\"" + id + "\"")).jobId());
        }
    }

    @Test
    void roundTripsThroughToJson() throws Exception {
        JobEnvelope full = JobEnvelope.builder()
                .jobId("job-42")
                .type("tweet")
                .priority(Priority.LOW)
                .payload(read("{\"text\":\"hi\",\"tags\":[\"a\",\"b\"],\"n\":{\"x\":1.5}}"))
                .idempotencyKey("key-42")
                .createdAt(Instant.parse("2026-11-23T10:00:00.123456789Z"))
                .attempt(3)
                .source("dao-service")
                .build();
        assertEquals(full, parser.parse(full.toJson()));

        JobEnvelope minimal =
                JobEnvelope.create("tweet", Priority.NORMAL, read("{}"), Instant.parse("2026-11-23T10:00:00Z"));
        assertEquals(minimal, parser.parse(minimal.toJson()));
    }

    @Test
    void builderDefaultsAreTheCurrentSpecVersionAttemptZeroAndNoOptionalFields() {
        JobEnvelope built = JobEnvelope.builder()
                .jobId("job-1")
                .type("tweet")
                .priority(Priority.HIGH)
                .payload(read("{}"))
                .build();
        assertEquals(new JobEnvelope("1", "job-1", "tweet", Priority.HIGH, read("{}"), null, null, 0, null), built);
    }

    @Test
    void toBuilderKeepsEveryFieldItIsNotToldToChange() {
        JobEnvelope full = new JobEnvelope(
                "1", "job-1", "tweet", Priority.LOW, read("{\"a\":1}"), "k", Instant.EPOCH, 2, "dao-service");
        assertEquals(full, full.toBuilder().build());
        assertEquals(
                new JobEnvelope("1", "job-1", "tweet", Priority.LOW, read("{\"a\":1}"), "k", Instant.EPOCH, 0, "redo"),
                full.toBuilder().attempt(0).source("redo").build());
    }

    @Test
    void writesOptionalFieldsOnlyWhenSetAndPrioritiesInLowerCase() {
        JobEnvelope e = JobEnvelope.builder()
                .jobId("job-1")
                .type("tweet")
                .priority(Priority.HIGH)
                .payload(read("{}"))
                .build();
        assertEquals(
                "{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"tweet\",\"priority\":\"high\",\"payload\":{},\"attempt\":0}",
                e.toJson());
    }

    // --- malformed JSON ---

    @Test
    void rejectsTruncatedJsonAsMalformed() {
        InvalidEnvelopeException e = refused("{\"specVersion\":\"1\",");
        assertEquals(Kind.MALFORMED_JSON, e.kind());
        assertEquals("body is not valid JSON: the text ends before the JSON does at line 1, column 20", e.getMessage());
    }

    @Test
    void rejectsTrailingContentAfterTheObjectAsMalformed() {
        InvalidEnvelopeException e = refused(with("source", null) + " }");
        assertEquals(Kind.MALFORMED_JSON, e.kind());
        assertTrue(e.getMessage().startsWith("body is not valid JSON: "), e.getMessage());
    }

    @Test
    void rejectsPlainTextAsMalformed() {
        InvalidEnvelopeException e = refused("hello world");
        assertEquals(Kind.MALFORMED_JSON, e.kind());
        assertEquals("body is not valid JSON: an unquoted word or token at line 1, column 1", e.getMessage());
    }

    @Test
    void aMalformedBodyNeverQuotesWhatItHeld() {
        // A producer's typo puts a secret where a string should be: the message must not carry it to a DLQ or a log.
        String body = "{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"testjob\","
                + "\"payload\":{\"headers\":{\"Authorization\":Bearer_sk_live_51HxSecret}}}";
        InvalidEnvelopeException e = refused(body);
        assertEquals(Kind.MALFORMED_JSON, e.kind());
        assertFalse(e.getMessage().contains("sk_live"), e.getMessage());
        assertFalse(e.getMessage().contains("Bearer"), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("body is not valid JSON: an unquoted word or token at line 1, column "),
                e.getMessage());
    }

    @Test
    void anExcerptIsNeverCutInsideASurrogatePair() {
        String cut = Excerpt.of("a" + "\uD83D\uDE00".repeat(30), 40);
        assertTrue(cut.startsWith("a" + "\uD83D\uDE00".repeat(19) + "…("), cut);
        assertTrue(cut.endsWith("(22 more characters)"), cut);
    }

    @Test
    void anOverlongEnvelopeFieldIsCutInTheMessage() {
        String version = "9".repeat(5000);
        InvalidEnvelopeException e = refused(with("specVersion", "\"" + version + "\""));
        assertEquals(Kind.UNSUPPORTED_SPEC_VERSION, e.kind());
        assertTrue(e.getMessage().length() < 200, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("…(4960 more characters)"), e.getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n"})
    void rejectsAnEmptyBodyAsMalformed(String body) {
        InvalidEnvelopeException e = refused(body);
        assertEquals(Kind.MALFORMED_JSON, e.kind());
        assertEquals("body is empty", e.getMessage());
    }

    // --- shape ---

    @Test
    void rejectsABodyThatIsNotAnObject() {
        assertInvalid("[{\"specVersion\":\"1\"}]", "body must be a JSON object, was array");
        assertInvalid("\"job\"", "body must be a JSON object, was string");
        assertInvalid("42", "body must be a JSON object, was number");
        assertInvalid("null", "body must be a JSON object, was null");
    }

    @Test
    void rejectsUnknownFieldsNamingTheFieldAndTheKnownOnes() {
        assertInvalid(with("delaySeconds", "30"), "unknown field 'delaySeconds'; an envelope has: " + ENVELOPE_FIELDS);
    }

    @Test
    void rejectsFieldNamesInTheWrongCase() {
        assertInvalid(with("JobId", "\"job-1\""), "unknown field 'JobId'; an envelope has: " + ENVELOPE_FIELDS);
    }

    // --- specVersion ---

    @Test
    void rejectsAMissingSpecVersion() {
        assertInvalid(with("specVersion", null), "specVersion is missing");
        assertInvalid(with("specVersion", "null"), "specVersion is missing");
    }

    @Test
    void rejectsABlankSpecVersion() {
        assertInvalid(with("specVersion", "\" \""), "specVersion must not be blank");
    }

    @Test
    void rejectsANumericSpecVersion() {
        assertInvalid(with("specVersion", "1"), "specVersion must be a string, was number");
    }

    @Test
    void rejectsAnUnsupportedSpecVersionAsItsOwnKind() {
        InvalidEnvelopeException e = refused(with("specVersion", "\"2\""));
        assertEquals(Kind.UNSUPPORTED_SPEC_VERSION, e.kind());
        assertEquals("specVersion '2' is not supported; this runtime reads specVersion '1'", e.getMessage());
    }

    // --- jobId ---

    @ParameterizedTest
    @ValueSource(strings = {"job id", "-job", ".job", "job/1", "jöb", "job\\n"})
    void rejectsJobIdsOutsideTheAllowedCharacters(String id) {
        assertInvalid(
                with("jobId", SluiceJson.mapper().valueToTree(id).toString()),
                "jobId must be 1 to 128 letters, digits or _ . : - starting with a letter or digit");
    }

    @Test
    void rejectsAJobIdLongerThan128Characters() {
        assertInvalid(
                with("jobId", "\"" + "j".repeat(129) + "\""),
                "jobId must be 1 to 128 letters, digits or _ . : - starting with a letter or digit");
    }

    @Test
    void rejectsAMissingOrNonStringJobId() {
        assertInvalid(with("jobId", null), "jobId is missing");
        assertInvalid(with("jobId", "\"\""), "jobId must not be blank");
        assertInvalid(with("jobId", "7"), "jobId must be a string, was number");
    }

    // --- type ---

    @Test
    void rejectsAMissingType() {
        assertInvalid(with("type", null), "type is missing");
    }

    @Test
    void rejectsABlankType() {
        assertInvalid(with("type", "\"  \""), "type must not be blank");
        assertInvalid(with("type", "\"\""), "type must not be blank");
    }

    @Test
    void rejectsATypeThatIsNotAString() {
        assertInvalid(with("type", "[\"tweet\"]"), "type must be a string, was array");
    }

    @Test
    void leavesUnknownTypesToTheRuntime() throws Exception {
        assertEquals(
                "Not A Catalogue Name",
                parser.parse(with("type", "\"Not A Catalogue Name\"")).type());
    }

    // --- priority ---

    @ParameterizedTest
    @ValueSource(strings = {"high", "normal", "low"})
    void acceptsEachWirePriority(String priority) throws Exception {
        assertEquals(
                Priority.fromWire(priority),
                parser.parse(with("priority", "\"" + priority + "\"")).priority());
    }

    @Test
    void rejectsPriorityOutsideHighNormalLow() {
        assertInvalid(with("priority", "\"urgent\""), "priority 'urgent' is not one of high, normal, low");
        assertInvalid(with("priority", "\"HIGH\""), "priority 'HIGH' is not one of high, normal, low");
        assertInvalid(with("priority", "\"\""), "priority '' is not one of high, normal, low");
    }

    @Test
    void rejectsANumericPriority() {
        assertInvalid(with("priority", "1"), "priority must be a string, was number");
    }

    // --- payload ---

    @Test
    void rejectsAMissingPayload() {
        assertInvalid(with("payload", null), "payload is missing");
        assertInvalid(with("payload", "null"), "payload is missing");
    }

    @Test
    void rejectsAPayloadThatIsNotAnObject() {
        assertInvalid(with("payload", "\"{}\""), "payload must be a JSON object, was string");
        assertInvalid(with("payload", "[]"), "payload must be a JSON object, was array");
        assertInvalid(with("payload", "true"), "payload must be a JSON object, was boolean");
    }

    // --- idempotencyKey ---

    @Test
    void rejectsAnEmptyOrOverlongIdempotencyKey() {
        assertInvalid(with("idempotencyKey", "\"\""), "idempotencyKey must be 1 to 256 characters");
        assertInvalid(
                with("idempotencyKey", "\"" + "k".repeat(257) + "\""), "idempotencyKey must be 1 to 256 characters");
        assertInvalid(with("idempotencyKey", "{}"), "idempotencyKey must be a string, was object");
    }

    // --- createdAt ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "23/11/2026 10:00",
                "2026-11-23T10:00:00",
                "2026-11-23",
                "2026-11-23T10:00Z",
                "2026-11-23T10:00:00+0100",
                "2026-02-30T10:00:00Z"
            })
    void rejectsCreatedAtThatIsNotAnIsoInstant(String value) {
        assertInvalid(
                with("createdAt", "\"" + value + "\""),
                "createdAt '" + value + "' is not an ISO-8601 UTC instant such as 2026-11-23T10:00:00Z");
    }

    @Test
    void rejectsCreatedAtAsEpochNumber() {
        assertInvalid(with("createdAt", "1795428000"), "createdAt must be a string, was number");
    }

    // --- attempt ---

    @Test
    void rejectsANegativeAttempt() {
        assertInvalid(with("attempt", "-1"), "attempt must be a whole number from 0 to 1000000, was -1");
    }

    @Test
    void rejectsAnAttemptThatIsNotAWholeInt() {
        assertInvalid(with("attempt", "1.5"), "attempt must be a whole number from 0 to 1000000, was 1.5");
        assertInvalid(with("attempt", "\"1\""), "attempt must be a whole number from 0 to 1000000, was \"1\"");
        assertInvalid(
                with("attempt", "2147483648"), "attempt must be a whole number from 0 to 1000000, was 2147483648");
        // Integer.MAX_VALUE parses as an int, but one more attempt would overflow to a negative number.
        assertInvalid(
                with("attempt", "2147483647"), "attempt must be a whole number from 0 to 1000000, was 2147483647");
    }

    // --- source ---

    @Test
    void rejectsAnEmptyOrOverlongSource() {
        assertInvalid(with("source", "\"\""), "source must be 1 to 128 characters");
        assertInvalid(with("source", "\"" + "s".repeat(129) + "\""), "source must be 1 to 128 characters");
    }

    @Test
    void reportsTheFirstProblemInFieldOrder() {
        // Unknown fields are checked first, then specVersion, jobId, type, priority, payload, ...
        String body = "{\"specVersion\":\"2\",\"jobId\":\"bad id\",\"payload\":[]}";
        assertEquals(Kind.UNSUPPORTED_SPEC_VERSION, refused(body).kind());
        assertInvalid(
                "{\"specVersion\":\"1\",\"jobId\":\"bad id\",\"payload\":[],\"x\":1}",
                "unknown field 'x'; an envelope has: " + ENVELOPE_FIELDS);
    }

    @Test
    void refusesAFieldGivenTwiceNamingIt() {
        assertInvalid(
                "{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"testjob\",\"priority\":\"low\","
                        + "\"priority\":\"high\",\"payload\":{}}",
                "field 'priority' is given twice; give each field once (JSON readers disagree on which one wins)");
    }

    @Test
    void refusesAFieldGivenTwiceInsideThePayloadToo() {
        assertInvalid(
                "{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"testjob\",\"payload\":{\"url\":\"a\",\"url\":\"b\"}}",
                "field 'url' is given twice; give each field once (JSON readers disagree on which one wins)");
    }

    @Test
    void refusesAPriorityThatIsNotTheQueuesAsWrongQueue() {
        InvalidEnvelopeException e = assertThrows(
                InvalidEnvelopeException.class, () -> parser.parse(with("priority", "\"high\""), Priority.NORMAL));
        assertEquals(Kind.WRONG_QUEUE, e.kind());
        assertEquals(
                "priority 'high' does not belong to this queue, which serves priority 'normal'; send it to the high"
                        + " queue, or leave priority out",
                e.getMessage());
    }

    @Test
    void aBodyWithoutPriorityTakesTheQueuesAndAMatchingOneIsRead() throws Exception {
        assertEquals(
                Priority.HIGH,
                parser.parse(with("priority", null), Priority.HIGH).priority());
        assertEquals(
                Priority.LOW,
                parser.parse(with("priority", "\"low\""), Priority.LOW).priority());
        assertEquals(Priority.NORMAL, parser.parse(with("priority", null)).priority(), "no queue known: normal");
    }

    @Test
    void reportsADeepNestingAsSuchNotAsABadCharacter() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertInvalid(
                with("payload", null).replace("}", ",\"payload\":{\"a\":" + deep + "}}"),
                "body nests deeper than 1000 levels, the most Sluice reads (or is larger than it reads)");
    }
}
