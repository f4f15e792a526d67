package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.job.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Priority is reserved capacity: a high-priority job enqueued after a large low-priority backlog does not
 * wait for the backlog, because its queue has its own event source mapping and concurrency.
 */
class PriorityTest {

    @Test
    void highPriorityJobEnqueuedBehindADrainingLowBacklogFinishesBeforeTheBacklog() throws Exception {
        int backlog = 1000; // enough to keep every low poller busy for seconds; each costs two writes on the serialised
        // emulator
        try (LocalHarness local = LocalHarness.start(List.of("tick"), Map.of(), false)) {
            String lowUrl = local.runtime.queueUrl("tick", Priority.LOW);
            List<String> lowIds = sendBacklog(local, lowUrl, backlog);
            local.runtime.startConsumers();
            // The backlog is being worked on before the high job exists: it competes with a busy system.
            LocalHarness.await(
                    () -> lowIds.stream().filter(local.outcomes()::isFinished).count() >= 50,
                    Duration.ofSeconds(60),
                    () -> "the low backlog started draining");
            String highJob = "urgent-" + UUID.randomUUID();
            String highId =
                    local.send("tick", Priority.HIGH, envelope("tick", highJob, Priority.HIGH, Map.of("millis", 5)));

            local.awaitFinished(List.of(highId), Duration.ofSeconds(60));
            long lowFinishedBeforeHigh =
                    lowIds.stream().filter(local.outcomes()::isFinished).count();
            local.awaitFinished(lowIds, Duration.ofSeconds(120));

            assertTrue(
                    lowFinishedBeforeHigh < backlog,
                    "the high job finished while " + (backlog - lowFinishedBeforeHigh) + " low jobs were still queued");
            assertTrue(
                    lowFinishedBeforeHigh < backlog / 2,
                    "the high job did not queue behind the backlog: only " + lowFinishedBeforeHigh
                            + " low jobs finished before it");
        }
    }

    private static List<String> sendBacklog(LocalHarness local, String url, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int from = 0; from < count; from += 10) {
                futures.add(pool.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder()
                                .id(Integer.toString(i))
                                .messageBody(envelope(
                                        "tick", "low-" + UUID.randomUUID(), Priority.LOW, Map.of("millis", 20)))
                                .build());
                    }
                    return local
                            .runtime
                            .sqs()
                            .sendMessageBatch(r -> r.queueUrl(url).entries(entries))
                            .successful()
                            .stream()
                            .map(s -> s.messageId())
                            .toList();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                ids.addAll(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }
}
