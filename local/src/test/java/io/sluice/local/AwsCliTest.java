package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.job.Priority;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README promises that any program can enqueue with the AWS CLI against sluice-local. This runs the
 * README's command shape (endpoint, region, queue URL built from the endpoint, account and queue name)
 * with the real {@code aws} binary, and checks the job runs. Skipped, saying why, where no CLI is installed.
 */
class AwsCliTest {

    @Test
    void messageSentWithTheAwsCliRuns() throws Exception {
        assumeTrue(onPath("aws"), "the AWS CLI ('aws') is not on PATH, so the CLI round trip cannot be shown here");
        try (LocalHarness local = LocalHarness.start(List.of("noop"), Map.of())) {
            String endpoint = local.runtime.sqsEndpoint().toString();
            String queueUrl = endpoint + "/000000000000/sluice-noop-normal";
            assertEquals(local.runtime.queueUrl("noop", Priority.NORMAL), queueUrl, "the README's queue URL shape is the real one");
            // The README's message body, word for word.
            String body = "{\"specVersion\":\"1\",\"jobId\":\"cli-1\",\"type\":\"noop\",\"payload\":{\"note\":\"hello\"}}";

            ProcessBuilder pb = new ProcessBuilder("aws", "sqs", "send-message", "--endpoint-url", endpoint, "--region", "us-east-1",
                    "--queue-url", queueUrl, "--message-body", body, "--output", "json");
            pb.environment().put("AWS_ACCESS_KEY_ID", "local");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "local");
            pb.environment().remove("AWS_PROFILE");
            pb.redirectErrorStream(true);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "aws exited");
            assertEquals(0, process.exitValue(), "aws sqs send-message failed: " + output);
            assertTrue(output.contains("MessageId"), output);

            String messageId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output).get("MessageId").asText();
            local.awaitFinished(List.of(messageId), Duration.ofSeconds(30));
            assertTrue(local.outcomes().hasSucceeded(messageId), "the job sent with the AWS CLI ran and succeeded");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
