package io.sluice.local.esm;

import io.sluice.topology.QueueSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The queue side of an {@link EventSourceMappingEmulator}: how Lambda's poller receives a batch from its queue (batch
 * size, batching window), hands a batch back unprocessed, and deletes what the function reported done, retrying
 * failed deletes once.
 */
final class PolledQueue {
    // Under the mapping's name, as before the split: readers of the log know these lines as the mapping's.
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappingEmulator.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final QueueSpec queue;
    private final Clock clock;
    private final int pollWaitSeconds;

    PolledQueue(SqsClient sqs, String queueUrl, QueueSpec queue, Clock clock, int pollWaitSeconds) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queue = queue;
        this.clock = clock;
        this.pollWaitSeconds = pollWaitSeconds;
    }

    /**
     * One batch as the mapping gathers it: up to 10 messages from one long poll, then, for a batch size above 10,
     * more until the batch is full or the batching window has passed (or {@code running} turns false).
     */
    List<Message> receiveBatch(BooleanSupplier running) {
        int batchSize = queue.eventSourceMapping().batchSize();
        Duration window = queue.eventSourceMapping().maxBatchingWindow();
        List<Message> batch = new ArrayList<>(receive(Math.min(10, batchSize), pollWaitSeconds));
        if (batch.isEmpty() || batchSize <= 10) {
            return batch;
        }
        Instant until = clock.instant().plus(window);
        while (batch.size() < batchSize && clock.instant().isBefore(until) && running.getAsBoolean()) {
            List<Message> more = receive(Math.min(10, batchSize - batch.size()), 1);
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /** Messages received as the mapping was disabled go back to the queue at once, unprocessed. */
    void handBack(List<Message> batch) {
        for (Message m : batch) {
            sqs.changeMessageVisibility(
                    r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
    }

    /**
     * Deletes the messages of {@code batch} not in {@code failed}, ten at a time, telling {@code acknowledged} how many
     * each delete call removed as it returns.
     */
    void deleteAllBut(List<Message> batch, Set<String> failed, LongConsumer acknowledged) {
        List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
        for (Message m : batch) {
            if (!failed.contains(m.messageId())) {
                deletes.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(deletes.size()))
                        .receiptHandle(m.receiptHandle())
                        .build());
            }
            if (deletes.size() == 10) {
                delete(deletes, acknowledged);
                deletes = new ArrayList<>();
            }
        }
        if (!deletes.isEmpty()) {
            delete(deletes, acknowledged);
        }
    }

    private void delete(List<DeleteMessageBatchRequestEntry> entries, LongConsumer acknowledged) {
        DeleteMessageBatchResponse response =
                sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        acknowledged.accept(response.successful().size());
        if (response.hasFailed() && !response.failed().isEmpty()) {
            // Lambda's poller retries deletes too; an entry that fails twice returns after the visibility timeout.
            Set<String> failedIds = new HashSet<>();
            response.failed().forEach(f -> failedIds.add(f.id()));
            List<DeleteMessageBatchRequestEntry> retry =
                    entries.stream().filter(e -> failedIds.contains(e.id())).toList();
            DeleteMessageBatchResponse again =
                    sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(retry));
            acknowledged.accept(again.successful().size());
            if (!again.failed().isEmpty()) {
                LOG.warn(
                        "{} deletes failed twice on {}: {}",
                        again.failed().size(),
                        queue.name(),
                        again.failed().get(0).message());
            }
        }
    }
}
