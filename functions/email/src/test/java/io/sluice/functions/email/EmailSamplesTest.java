package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.JobConfig;
import io.sluice.job.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample SQS message bodies in {@code events/email/}, read the way the runtime reads them: the envelope
 * with {@link EnvelopeParser}, the payload with the shared Jackson mapper (unknown fields refused), then the
 * job's validation. Keeps the documentation samples honest.
 */
class EmailSamplesTest {
    private static final Path SAMPLES = Path.of("..", "..", "events", "email");
    private static final EmailJob JOB =
            new EmailJob(JobConfig.fromMap(Map.of(EmailSettings.FROM_KEY, "noreply@example.com")));

    private static JobEnvelope envelope(String file) throws Exception {
        return new EnvelopeParser().parse(Files.readString(SAMPLES.resolve(file)));
    }

    private static EmailPayload payload(JobEnvelope envelope) throws Exception {
        return SluiceJson.mapper().treeToValue(envelope.payload(), EmailPayload.class);
    }

    @Test
    void theSimpleSampleIsAValidEmailJob() throws Exception {
        JobEnvelope envelope = envelope("email-simple.json");
        EmailPayload payload = payload(envelope);

        assertEquals("email", envelope.type());
        assertEquals(Priority.HIGH, envelope.priority());
        assertEquals(List.of("ada@example.com"), payload.to());
        assertEquals(List.of("orders-archive@example.com"), payload.bcc());
        assertEquals(List.of(), new EmailPayloadValidator().problems(payload));
    }

    @Test
    void theTemplateSampleTakesASingleAddressAsAString() throws Exception {
        EmailPayload payload = payload(envelope("email-template.json"));

        assertEquals(List.of("grace@example.com"), payload.to());
        assertEquals("welcome", payload.template().name());
        assertEquals(14, payload.template().data().get("trialDays").asInt());
        assertEquals(List.of(), new EmailPayloadValidator().problems(payload));
    }

    @Test
    void theInvalidRecipientSampleFailsValidationNamingTheRecipient() throws Exception {
        assertEquals(
                List.of("to[1]: is not an e-mail address of the form name@example.com"),
                new EmailPayloadValidator().problems(payload(envelope("email-invalid-recipient.json"))));
    }

    @Test
    void everySampleIsCovered() throws Exception {
        try (var files = Files.list(SAMPLES)) {
            assertEquals(
                    List.of("email-invalid-recipient.json", "email-simple.json", "email-template.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
