package io.sluice.functions.webhook;

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
 * The sample SQS message bodies in {@code events/webhook/}, read the way the runtime reads them: the
 * envelope with {@link EnvelopeParser}, the payload with the shared Jackson mapper (unknown fields
 * refused), then the job's validation. Keeps the documentation samples honest.
 */
class WebhookSamplesTest {
    // Surefire runs with the module directory as working directory.
    private static final Path SAMPLES = Path.of("..", "..", "events", "webhook");
    private static final WebhookJob JOB = new WebhookJob(JobConfig.fromMap(Map.of()));

    private static JobEnvelope envelope(String file) throws Exception {
        return new EnvelopeParser().parse(Files.readString(SAMPLES.resolve(file)));
    }

    private static List<String> problems(JobEnvelope envelope) throws Exception {
        return new WebhookPayloadValidator()
                .problems(SluiceJson.mapper().treeToValue(envelope.payload(), WebhookPayload.class));
    }

    @Test
    void theFullPostSampleIsAValidWebhookJob() throws Exception {
        JobEnvelope envelope = envelope("webhook-post.json");

        assertEquals("webhook", envelope.type());
        assertEquals(Priority.NORMAL, envelope.priority());
        assertEquals("order-o-42-created", envelope.effectiveIdempotencyKey());
        assertEquals("orders-service", envelope.source());
        assertEquals(List.of(), problems(envelope));
    }

    @Test
    void theMinimalSampleIsAValidWebhookJobWithDefaults() throws Exception {
        JobEnvelope envelope = envelope("webhook-minimal.json");
        WebhookPayload payload = SluiceJson.mapper().treeToValue(envelope.payload(), WebhookPayload.class);

        assertEquals(Priority.NORMAL, envelope.priority());
        assertEquals("POST", payload.method());
        assertEquals(List.of(), problems(envelope));
    }

    @Test
    void theInvalidUrlSampleFailsValidationNamingTheUrl() throws Exception {
        assertEquals(
                List.of("url: must be an absolute http or https URL"), problems(envelope("webhook-invalid-url.json")));
    }

    @Test
    void everySampleIsCovered() throws Exception {
        try (var files = Files.list(SAMPLES)) {
            assertEquals(
                    List.of("webhook-invalid-url.json", "webhook-minimal.json", "webhook-post.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
