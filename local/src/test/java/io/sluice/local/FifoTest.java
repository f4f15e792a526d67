package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.job.Priority;
import io.sluice.local.testjobs.JobLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * FIFO end to end: when a message of a group fails, the later messages of that group in the batch are
 * held back and nothing overtakes it, while other groups carry on.
 */
class FifoTest {

    @Test
    void failureInOneGroupHoldsBackItsLaterMessagesAndPreservesOrder() {
        try (LocalHarness local = LocalHarness.start(List.of("ordered"), Map.of(), false)) {
            String url = local.runtime.queueUrl("ordered", Priority.NORMAL);
            String a = "stream-a-" + UUID.randomUUID();
            String b = "stream-b-" + UUID.randomUUID();
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int seq = 1; seq <= 5; seq++) {
                entries.add(entry(entries.size(), a, seq, seq == 2));
                entries.add(entry(entries.size(), b, seq, false));
            }
            List<String> ids =
                    local.runtime.sqs().sendMessageBatch(r -> r.queueUrl(url).entries(entries)).successful().stream()
                            .map(s -> s.messageId())
                            .toList();

            local.runtime.startConsumers();
            local.awaitFinished(ids, Duration.ofSeconds(60));

            assertEquals(
                    List.of("1", "2!", "2", "3", "4", "5"), JobLedger.events(a), "group A: 3..5 waited for 2's retry");
            assertEquals(
                    List.of("1", "2", "3", "4", "5"),
                    JobLedger.events(b),
                    "group B in order, untouched by A's failure");
            ids.forEach(id -> assertEquals(true, local.outcomes().hasSucceeded(id)));
        }
    }

    private static SendMessageBatchRequestEntry entry(int id, String stream, int seq, boolean failFirst) {
        return SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(id))
                .messageGroupId(stream)
                .messageBody(envelope(
                        "ordered",
                        stream + "-" + seq,
                        Priority.NORMAL,
                        Map.of("stream", stream, "seq", seq, "failFirstAttempt", failFirst)))
                .build();
    }
}
