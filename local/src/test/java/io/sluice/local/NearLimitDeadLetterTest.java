package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.Priority;
import io.sluice.local.cli.SluiceLocal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A raw-SDK message 50 bytes under SQS's limit that must be dead-lettered (it is not JSON): body and reason attributes
 * together would exceed 262,144 bytes as AWS counts them, which used to be retried for ever ("dead-letter copy would
 * be 262282 bytes"). Through sluice-local it ends in the dead-letter queue with its reason and shows in {@code dlq
 * list}.
 */
class NearLimitDeadLetterTest {
    @Test
    void aBodyNearTheLimitIsDeadLetteredWithItsReasonAndListed() {
        try (LocalHarness local = LocalHarness.start(List.of("flaky"), Map.of())) {
            String body = "x".repeat(262_094);
            String id = local.send("flaky", Priority.NORMAL, body);
            local.awaitFinished(List.of(id), Duration.ofSeconds(60));

            List<Message> dead = local.deadLetters("flaky", Priority.NORMAL);
            assertEquals(1, dead.size());
            assertEquals(body, dead.get(0).body(), "the body is never cut");
            assertEquals(
                    DeadLetterReason.MALFORMED_JSON.wireName(),
                    dead.get(0)
                            .messageAttributes()
                            .get(DeadLetterReason.ATTRIBUTE)
                            .stringValue());

            StringWriter out = new StringWriter();
            CommandLine cli = SluiceLocal.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(new StringWriter(), true));
            int code = cli.execute(
                    "dlq",
                    "list",
                    "flaky",
                    "--sqs-endpoint",
                    local.runtime.sqsEndpoint().toString(),
                    "--dynamodb-endpoint",
                    local.runtime.dynamoDbEndpoint().toString());
            assertEquals(0, code);
            assertTrue(out.toString().contains(dead.get(0).messageId()), out.toString());
            assertTrue(out.toString().contains("malformed-json"), out.toString());
        }
    }
}
