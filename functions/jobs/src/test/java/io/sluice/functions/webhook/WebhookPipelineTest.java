package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.catalogue.Catalogue;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.JobConfig;
import io.sluice.runtime.JobPipeline;
import io.sluice.runtime.MessageOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook job inside Sluice's real per-message pipeline, with the catalogue the annotation processor
 * wrote for this module: proves the {@code @Job} settings load, and that the job's failures land in the
 * outcome the brief promises (validation and 4xx dead-letter, 5xx retries after {@code Retry-After}).
 */
class WebhookPipelineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private Receiver receiver;
    private ScheduledExecutorService watchdog;
    private JobPipeline<WebhookPayload> pipeline;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        watchdog = Executors.newSingleThreadScheduledExecutor();
        Catalogue catalogue = Catalogue.load(getClass().getClassLoader());
        WebhookJob job = new WebhookJob(
                JobConfig.fromMap(Map.of(HostAllowList.CONFIG_KEY, "loopback")), CLOCK, HostResolver.system());
        pipeline = JobPipeline.builder(catalogue.require("webhook"), catalogue, job, WebhookPayload.class)
                .clock(CLOCK)
                .random(() -> 0.5)
                .watchdog(watchdog)
                .build();
    }

    @AfterEach
    void stop() {
        receiver.close();
        watchdog.shutdownNow();
    }

    private static SQSMessage message(String body) {
        SQSMessage message = new SQSMessage();
        message.setMessageId("m-1");
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }

    private MessageOutcome run(String payloadJson) {
        return withoutRun(pipeline.run(message(
                "{\"specVersion\":\"1\",\"jobId\":\"job-1\",\"type\":\"webhook\",\"payload\":" + payloadJson + "}")));
    }

    /** The decision alone, without the history context the pipeline attaches for the recorder. */
    private static MessageOutcome withoutRun(MessageOutcome outcome) {
        if (outcome instanceof MessageOutcome.Succeeded s) {
            return new MessageOutcome.Succeeded(s.summary());
        }
        if (outcome instanceof MessageOutcome.Retry r) {
            return new MessageOutcome.Retry(r.delay(), r.error(), r.attempt());
        }
        if (outcome instanceof MessageOutcome.DeadLetter d) {
            return new MessageOutcome.DeadLetter(d.reason(), d.detail(), d.attempt());
        }
        return outcome;
    }

    @Test
    void theCatalogueCarriesTheJobSettings() {
        var definition = pipeline.definition();

        assertEquals(5, definition.maxAttempts());
        assertEquals(Duration.ofSeconds(30), definition.timeout());
        assertEquals(12, definition.concurrency());
        assertEquals(
                List.of(io.sluice.job.Priority.HIGH, io.sluice.job.Priority.NORMAL, io.sluice.job.Priority.LOW),
                definition.priorities());
    }

    @Test
    void deliversAndSucceeds() {
        assertEquals(
                new MessageOutcome.Succeeded("HTTP 200"),
                run("{\"url\":\"" + receiver.url("/hook") + "\",\"body\":{\"a\":1}}"));
    }

    @Test
    void deadLettersTheInvalidSampleAsAnInvalidPayload() throws Exception {
        MessageOutcome outcome = withoutRun(pipeline.run(
                message(Files.readString(Path.of("..", "..", "events", "webhook", "webhook-invalid-url.json")))));

        assertEquals(
                new MessageOutcome.DeadLetter(
                        DeadLetterReason.INVALID_PAYLOAD, "url: must be an absolute http or https URL", 1),
                outcome);
    }

    @Test
    void deadLettersAPayloadWithAnUnknownField() {
        MessageOutcome outcome = run("{\"url\":\"https://example.com\",\"methd\":\"PUT\"}");

        assertEquals(
                new MessageOutcome.DeadLetter(
                        DeadLetterReason.INVALID_PAYLOAD,
                        "payload.methd: unknown field; WebhookPayload has: body, headers, method, url",
                        1),
                outcome);
    }

    @Test
    void deadLettersA404AsAPermanentFailure() {
        receiver.answering(404);

        assertEquals(
                new MessageOutcome.DeadLetter(DeadLetterReason.PERMANENT_FAILURE, "HTTP 404 from 127.0.0.1", 1),
                run("{\"url\":\"" + receiver.url("/gone") + "\"}"));
    }

    @Test
    void retriesA503AfterTheDelayTheReceiverAskedFor() {
        receiver.answering(503, Map.of("Retry-After", "45"));

        assertEquals(
                new MessageOutcome.Retry(Duration.ofSeconds(45), "HTTP 503 from 127.0.0.1", 1),
                run("{\"url\":\"" + receiver.url("/busy") + "\"}"));
    }
}
