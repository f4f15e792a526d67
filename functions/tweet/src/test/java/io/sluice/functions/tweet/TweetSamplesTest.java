package io.sluice.functions.tweet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample SQS message bodies in {@code events/tweet/}, read as the runtime reads them: the envelope with
 * {@link EnvelopeParser}, the payload with the shared mapper (unknown fields refused), then the type's validation.
 */
class TweetSamplesTest {
    // Surefire runs with the module directory as working directory.
    private static final Path SAMPLES = Path.of("..", "..", "events", "tweet");

    private static JobEnvelope envelope(String file) throws Exception {
        return new EnvelopeParser().parse(Files.readString(SAMPLES.resolve(file)));
    }

    private static List<String> problems(JobEnvelope envelope) throws Exception {
        return new TweetPayloadValidator()
                .problems(SluiceJson.mapper().treeToValue(envelope.payload(), TweetPayload.class));
    }

    @Test
    void theFullSampleIsAValidPostWithMediaAndAReply() throws Exception {
        JobEnvelope envelope = envelope("tweet-post.json");
        TweetPayload payload = SluiceJson.mapper().treeToValue(envelope.payload(), TweetPayload.class);

        assertEquals("tweet", envelope.type());
        assertEquals(Priority.HIGH, envelope.priority());
        assertEquals("dao-acme-proposal-42-passed", envelope.effectiveIdempotencyKey());
        assertEquals(List.of("1146654567674912769"), payload.mediaIds());
        assertEquals("1445880548472328192", payload.replyTo());
        assertEquals(List.of(), problems(envelope));
    }

    @Test
    void theMinimalSampleIsValid() throws Exception {
        assertEquals(List.of(), problems(envelope("tweet-minimal.json")));
    }

    @Test
    void theTooLongSampleIsShortByStringLengthButTooLongAsXCountsIt() throws Exception {
        JobEnvelope envelope = envelope("tweet-too-long.json");
        assertEquals(160, envelope.payload().get("content").asText().length());
        assertEquals(
                List.of(
                        "content: is 320 characters as X counts them, at most 280 allowed (URLs count 23, CJK characters and emoji 2)"),
                problems(envelope));
    }

    @Test
    void theInvalidMediaSampleNamesEveryProblem() throws Exception {
        assertEquals(
                List.of(
                        "media_ids: at most 4 ids, got 5",
                        "media_ids[4]: must be a media id as a string of digits, such as \"1146654567674912769\""),
                problems(envelope("tweet-invalid-media.json")));
    }

    @Test
    void everySampleIsCovered() throws Exception {
        try (var files = Files.list(SAMPLES)) {
            assertEquals(
                    List.of("tweet-invalid-media.json", "tweet-minimal.json", "tweet-post.json", "tweet-too-long.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
