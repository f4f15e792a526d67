package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.job.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README promises that any program can enqueue with the AWS CLI against sluice-local. This runs the
 * README's command shape (endpoint, region, queue URL built from the endpoint, account and queue name)
 * with the real {@code aws} binary, and checks the job runs. Skipped, saying why, where no CLI is installed.
 */
class AwsCliTest {

    @Test
    void messageSentWithTheAwsCliRuns() throws Exception {
        assumeTrue(AwsCli.installed(), AwsCli.MISSING);
        try (LocalHarness local = LocalHarness.start(List.of("noop"), Map.of())) {
            String endpoint = local.runtime.sqsEndpoint().toString();
            String queueUrl = endpoint + "/000000000000/sluice-noop-normal";
            assertEquals(
                    local.runtime.queueUrl("noop", Priority.NORMAL),
                    queueUrl,
                    "the README's queue URL shape is the real one");
            // The README's message body, word for word.
            String body =
                    "{\"specVersion\":\"1\",\"jobId\":\"cli-1\",\"type\":\"noop\",\"payload\":{\"note\":\"hello\"}}";

            AwsCli.Result sent =
                    AwsCli.run(endpoint, "sqs", "send-message", "--queue-url", queueUrl, "--message-body", body);
            String output = sent.output();
            assertEquals(0, sent.code(), "aws sqs send-message failed: " + output);
            assertTrue(output.contains("MessageId"), output);

            String messageId = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(output)
                    .get("MessageId")
                    .asText();
            local.awaitFinished(List.of(messageId), Duration.ofSeconds(30));
            assertTrue(local.outcomes().hasSucceeded(messageId), "the job sent with the AWS CLI ran and succeeded");
        }
    }
}
