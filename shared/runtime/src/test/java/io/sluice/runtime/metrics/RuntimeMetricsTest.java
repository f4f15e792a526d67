package io.sluice.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobDefinitionBuilder;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.job.Jitter;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.Priority;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.SqsQueueOperations;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.StdoutCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Metrics as the runtime emits them: one real batch on ElasticMQ through {@link JobFunction}, and the EMF
 * lines written to standard output during it must be valid embedded metric format with Sluice's names
 * and dimensions.
 */
class RuntimeMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalSqs sqs;

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    /** Succeeds, fails or refuses, as its payload says, and counts a custom metric. */
    public static final class ActJob implements JobHandler<ActJob.Payload> {
        public record Payload(String act) {}

        @Override
        public JobResult handle(Payload payload, JobContext context) throws Exception {
            context.metrics().count("PagesRendered", 3);
            switch (payload.act()) {
                case "fail" -> throw new IllegalStateException("boom");
                case "refuse" -> throw new PermanentJobFailure("no such account");
                default -> {
                    return JobResult.ok();
                }
            }
        }
    }

    @Test
    void oneBatchWritesOneValidEmfDocumentWithSluicesNamesAndDimensions() throws Exception {
        JobDefinition definition = JobDefinitionBuilder.job("render")
                .handlerClass(ActJob.class.getName())
                .payloadClass(ActJob.Payload.class.getName())
                .priorities(List.of(Priority.HIGH))
                .maxAttempts(3)
                .backoff(new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5), Jitter.NONE))
                .timeout(Duration.ofSeconds(5))
                .concurrency(4)
                .build()
                .validated();
        LocalSqs.Queue queue = sqs.queue("sluice-render-high", 5);
        for (String act : List.of("ok", "ok", "fail", "refuse")) {
            sqs.client()
                    .sendMessage(r -> r.queueUrl(queue.url())
                            .messageBody("{\"specVersion\":\"1\",\"jobId\":\"j-" + act + "-" + System.nanoTime()
                                    + "\",\"type\":\"render\",\"payload\":{\"act\":\"" + act + "\"}}"));
        }
        sqs.client().sendMessage(r -> r.queueUrl(queue.url()).messageBody("not json"));
        List<Message> messages = new java.util.ArrayList<>();
        while (messages.size() < 5) {
            messages.addAll(sqs.receive(queue.url(), 10, 1));
        }

        List<String> lines;
        try (JobFunction function = JobFunction.builder("render", new Catalogue(List.of(definition)))
                        .handler(new ActJob())
                        .queues(new SqsQueueOperations(sqs.client()))
                        .metrics(JobTypeMetrics.forJobType("render"))
                        .build();
                StdoutCapture out = new StdoutCapture()) {
            function.handle(LocalSqs.eventOf(queue.arn(), messages), new io.sluice.testing.TestLambdaContext(60_000));
            lines = out.lines().stream().filter(l -> l.contains("\"_aws\"")).toList();
        }

        assertEquals(1, lines.size(), "one EMF document per batch: " + lines);
        assertEquals(List.of(), EmfDocumentValidator.violations(lines.get(0)));
        JsonNode doc = JSON.readTree(lines.get(0));
        JsonNode directive = doc.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Sluice", directive.get("Namespace").asText());
        assertEquals(
                "[[\"JobType\"],[\"JobType\",\"Priority\"]]",
                directive.get("Dimensions").toString());
        assertEquals("render", doc.get("JobType").asText());
        assertEquals("high", doc.get("Priority").asText());
        assertEquals(2.0, doc.get("Succeeded").asDouble());
        assertEquals(1.0, doc.get("Retried").asDouble());
        assertEquals(2.0, doc.get("FailedAttempts").asDouble(), "the retried and the refused job ran and failed");
        assertEquals(2.0, doc.get("DeadLettered").asDouble(), "the refused job and the malformed message");
        assertEquals(1.0, doc.get("ColdStart").asDouble());
        assertEquals(12.0, doc.get("PagesRendered").asDouble(), "the handler's own metric, summed over the batch");
        assertEquals(4, doc.get("Duration").size(), "one duration per attempt that ran");
        assertEquals(
                Map.of("permanent-failure", 1, "malformed-json", 1),
                JSON.convertValue(doc.get("DeadLetterReasons"), Map.class));
    }
}
