package io.sluice.functions.discord;

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
 * The sample SQS message bodies in {@code events/discord/}, read the way the runtime reads them: the envelope
 * with {@link EnvelopeParser}, the payload with the shared Jackson mapper (unknown fields refused), then the
 * job's validation. Keeps the documentation samples honest.
 */
class DiscordSamplesTest {
    private static final Path SAMPLES = Path.of("..", "..", "events", "discord");

    private static JobEnvelope envelope(String file) throws Exception {
        return new EnvelopeParser().parse(Files.readString(SAMPLES.resolve(file)));
    }

    private static DiscordPayload payload(JobEnvelope envelope) throws Exception {
        return SluiceJson.mapper().treeToValue(envelope.payload(), DiscordPayload.class);
    }

    @Test
    void theTextSampleIsAValidDiscordJob() throws Exception {
        JobEnvelope envelope = envelope("discord-text.json");

        assertEquals("discord", envelope.type());
        assertEquals("releases", payload(envelope).channel());
        assertEquals(List.of(), new DiscordPayloadValidator().problems(payload(envelope)));
    }

    @Test
    void theEmbedsSampleIsAValidDiscordJob() throws Exception {
        JobEnvelope envelope = envelope("discord-embeds.json");
        DiscordPayload payload = payload(envelope);

        assertEquals(Priority.HIGH, envelope.priority());
        assertEquals(
                "https://ci.example.com/favicon.png",
                payload.embeds().get(0).footer().iconUrl());
        assertEquals(2, payload.embeds().get(0).fields().size());
        assertEquals(List.of(), new DiscordPayloadValidator().problems(payload));
    }

    @Test
    void theInvalidChannelSampleFailsValidationNamingTheChannel() throws Exception {
        assertEquals(
                List.of(
                        "channel: must be 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit"),
                new DiscordPayloadValidator().problems(payload(envelope("discord-invalid-channel.json"))));
    }

    @Test
    void everySampleIsCovered() throws Exception {
        try (var files = Files.list(SAMPLES)) {
            assertEquals(
                    List.of("discord-embeds.json", "discord-invalid-channel.json", "discord-text.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
