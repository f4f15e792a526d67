package io.sluice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.store.DiscardRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Dead-letter queues read and worked without losing a message. SQS has no peek, so a listing receives the messages
 * with a short visibility timeout ({@value #HOLD_SECONDS} s), reads them, and makes every one it does not act on
 * visible again at once; nothing is deleted by a listing. (Each such receive counts in the message's
 * {@code ApproximateReceiveCount}, which on a dead-letter queue drives nothing: it has no redrive policy of its own.)
 *
 * <p>A selective redrive sends copies of the chosen messages to their source queue ({@code SendMessageBatch}, ten at a
 * time) and deletes exactly the originals whose copies SQS accepted, only after it accepted them: if the process dies between the two, the original reappears in the dead-letter queue when
 * its hold lapses, and the job exists twice, which the job's idempotency record resolves (one run); it is never lost.
 * The copy has a fresh attempt budget: the runtime's dead-letter and deferral attributes are left off, and the
 * envelope's {@code attempt} is set back to 0. Redriving everything goes through SQS's own
 * {@code StartMessageMoveTask} to the source queue, which moves messages in the background on AWS and in ElasticMQ.
 * A discard writes its history record first, then deletes.
 */
final class DeadLetterQueues {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueues.class);

    /** How long a listing holds a message invisible; long enough to read a full queue's page and act on it. */
    static final int HOLD_SECONDS = 60;
    /** The most messages one operation reads from one dead-letter queue. */
    static final int MAX_LIMIT = 1000;

    private final SqsClient sqs;
    private final QueueDirectory queues;
    private final DiscardRecords discards;
    private final Clock clock;

    DeadLetterQueues(SqsClient sqs, QueueDirectory queues, DiscardRecords discards, Clock clock) {
        this.sqs = sqs;
        this.queues = queues;
        this.discards = discards;
        this.clock = clock;
    }

    /** How many messages each dead-letter queue of the pair holds, as SQS approximates it. */
    long depth(QueuePair q) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(q.deadLetterUrl())
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                + number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                + number(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
    }

    DeadLetterPage list(String type, Priority priority, DeadLetterFilter filter, int limit, boolean withBodies) {
        int max = checkedLimit(limit);
        List<DeadLetter> found = new ArrayList<>();
        long total = 0;
        boolean truncated = false;
        Instant now = clock.instant();
        for (QueuePair q : queues.of(type, priority)) {
            long depth = depth(q);
            total += depth;
            List<Held> held = hold(q, max - found.size(), depth);
            try {
                for (Held h : held) {
                    if (filter.matches(h.deadLetter(), now)) {
                        found.add(withBodies ? h.deadLetter() : h.deadLetter().withoutBody());
                    }
                }
            } finally {
                release(q, held);
            }
            truncated |= held.size() < depth;
        }
        found.sort(Comparator.comparing(DeadLetter::deadLetteredAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return new DeadLetterPage(type, found, total, truncated);
    }

    Optional<DeadLetter> show(String type, String id, boolean withBody) {
        return list(type, null, DeadLetterFilter.byIds(Set.of(id)), MAX_LIMIT, withBody).deadLetters().stream()
                .findFirst();
    }

    RedriveResult redrive(String type, Priority priority, DeadLetterFilter filter, int limit) {
        List<String> moved = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        long approximate = 0;
        Instant now = clock.instant();
        for (QueuePair q : queues.of(type, priority)) {
            long depth = depth(q);
            approximate += depth;
            if (depth == 0) {
                continue;
            }
            if (filter.isEverything()) {
                // Every message, whatever its reason: SQS moves them itself, in the background, to the source queue.
                tasks.add(sqs.startMessageMoveTask(
                                r -> r.sourceArn(q.deadLetterArn()).destinationArn(q.arn()))
                        .taskHandle());
                continue;
            }
            List<Held> held = hold(q, checkedLimit(limit), depth);
            List<Held> untouched = new ArrayList<>();
            try {
                List<Held> chosen = new ArrayList<>();
                for (Held h : held) {
                    (filter.matches(h.deadLetter(), now) ? chosen : untouched).add(h);
                }
                for (List<Held> batch : RedriveCopies.batches(chosen, Held::message)) {
                    sendBack(q, batch, moved, failed, untouched);
                }
            } finally {
                release(q, untouched);
            }
        }
        LOG.info("redrive of {}: {} moved, {} failed, {} move tasks", type, moved.size(), failed.size(), tasks.size());
        return new RedriveResult(type, moved, failed, tasks, approximate);
    }

    DiscardResult discard(String type, Priority priority, DeadLetterFilter filter, String note, int limit) {
        List<String> discarded = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Instant now = clock.instant();
        for (QueuePair q : queues.of(type, priority)) {
            long depth = depth(q);
            if (depth == 0) {
                continue;
            }
            List<Held> held = hold(q, checkedLimit(limit), depth);
            List<Held> untouched = new ArrayList<>();
            try {
                for (Held h : held) {
                    if (!filter.matches(h.deadLetter(), now)) {
                        untouched.add(h);
                        continue;
                    }
                    String jobId = h.deadLetter().jobId();
                    try {
                        // The record first: if it cannot be written, the dead letter stays.
                        if (jobId != null && discards.record(jobId, now, note)) {
                            recorded.add(jobId);
                        }
                        sqs.deleteMessage(r -> r.queueUrl(q.deadLetterUrl())
                                .receiptHandle(h.message().receiptHandle()));
                        discarded.add(h.name());
                    } catch (SdkException e) {
                        untouched.add(h);
                        failed.add(h.name() + ": not discarded (" + e.getMessage() + ")");
                    }
                }
            } finally {
                release(q, untouched);
            }
        }
        LOG.info(
                "discard in {}: {} discarded ({} recorded), {} failed",
                type,
                discarded.size(),
                recorded.size(),
                failed.size());
        return new DiscardResult(type, discarded, recorded, failed);
    }

    /**
     * Sends one batch of copies back ({@code SendMessageBatch}), then deletes from the dead-letter queue exactly the
     * originals whose copies SQS accepted ({@code DeleteMessageBatch}); the rest stay held, to be released.
     */
    private void sendBack(
            QueuePair q, List<Held> batch, List<String> moved, List<String> failed, List<Held> untouched) {
        List<SendMessageBatchRequestEntry> copies = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            SendMessageRequest copy = RedriveCopies.copy(q, batch.get(i).message());
            copies.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(copy.messageBody())
                    .messageAttributes(copy.messageAttributes())
                    .messageGroupId(copy.messageGroupId())
                    .messageDeduplicationId(copy.messageDeduplicationId())
                    .build());
        }
        SendMessageBatchResponse sent;
        try {
            sent = sqs.sendMessageBatch(r -> r.queueUrl(q.url()).entries(copies));
        } catch (SdkException e) {
            untouched.addAll(batch);
            batch.forEach(h -> failed.add(
                    h.name() + ": not sent back (" + e.getMessage() + "); it stays in " + q.deadLetterName()));
            return;
        }
        Map<String, String> refused = new HashMap<>();
        sent.failed().forEach(f -> refused.put(f.id(), f.code() + ": " + f.message()));
        List<Held> accepted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Held h = batch.get(i);
            String why = refused.get(Integer.toString(i));
            if (why != null) {
                untouched.add(h);
                failed.add(h.name() + ": not sent back (" + why + "); it stays in " + q.deadLetterName());
            } else {
                accepted.add(h);
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        // Only now, with the copies in the source queue: a crash before this delete leaves both, never none.
        List<DeleteMessageBatchRequestEntry> originals = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            originals.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(accepted.get(i).message().receiptHandle())
                    .build());
        }
        Map<String, String> notDeleted = new HashMap<>();
        try {
            sqs.deleteMessageBatch(r -> r.queueUrl(q.deadLetterUrl()).entries(originals))
                    .failed()
                    .forEach(f -> notDeleted.put(f.id(), f.code() + ": " + f.message()));
        } catch (SdkException e) {
            for (int i = 0; i < accepted.size(); i++) {
                notDeleted.put(Integer.toString(i), e.getMessage());
            }
        }
        for (int i = 0; i < accepted.size(); i++) {
            String why = notDeleted.get(Integer.toString(i));
            if (why == null) {
                moved.add(accepted.get(i).name());
            } else {
                failed.add(accepted.get(i).name() + ": sent back, but not deleted from " + q.deadLetterName() + " ("
                        + why + "); its idempotency record makes the second copy a duplicate");
            }
        }
    }

    /** A received message, held invisible, and what it says. */
    private record Held(Message message, DeadLetter deadLetter) {
        String name() {
            return deadLetter.jobId() != null ? deadLetter.jobId() : "message " + message.messageId();
        }
    }

    private List<Held> hold(QueuePair q, int max, long depth) {
        List<Held> held = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean waited = false;
        while (held.size() < max && depth > 0) {
            int n = Math.min(10, max - held.size());
            List<Message> batch = receive(q, n, 0);
            if (batch.isEmpty() && !waited && held.size() < depth) {
                // One long poll before giving up: a short poll samples only some of SQS's hosts.
                waited = true;
                batch = receive(q, n, 1);
            }
            if (batch.isEmpty()) {
                break;
            }
            for (Message m : batch) {
                if (seen.add(m.messageId())) {
                    held.add(new Held(m, read(q, m)));
                }
            }
        }
        return held;
    }

    private List<Message> receive(QueuePair q, int max, int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(q.deadLetterUrl())
                        .maxNumberOfMessages(max)
                        .visibilityTimeout(HOLD_SECONDS)
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    /** Makes the messages visible again at once, ten per call. */
    private void release(QueuePair q, List<Held> held) {
        for (int i = 0; i < held.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(held.size(), i + 10); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(Integer.toString(j - i))
                        .receiptHandle(held.get(j).message().receiptHandle())
                        .visibilityTimeout(0)
                        .build());
            }
            try {
                sqs.changeMessageVisibilityBatch(
                        r -> r.queueUrl(q.deadLetterUrl()).entries(entries));
            } catch (SdkException e) {
                // They become visible by themselves when the hold lapses.
                LOG.warn(
                        "could not release {} messages of {}: {}; they reappear within {} s",
                        entries.size(),
                        q.deadLetterName(),
                        e.getMessage(),
                        HOLD_SECONDS);
            }
        }
    }

    private DeadLetter read(QueuePair q, Message m) {
        Map<String, MessageAttributeValue> attributes = m.messageAttributes();
        String body = m.body() == null ? "" : m.body();
        String jobId = null;
        try {
            JsonNode envelope = SluiceJson.mapper().readTree(body);
            if (envelope != null && envelope.path("jobId").isTextual()) {
                jobId = envelope.path("jobId").asText();
            }
        } catch (Exception e) {
            // Not JSON: a dead letter known only by its message id.
        }
        String sent = m.attributesAsStrings().get("SentTimestamp");
        Instant at = sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
        String attempts = text(attributes, DeadLetterReason.ATTEMPTS_ATTRIBUTE);
        return new DeadLetter(
                m.messageId(),
                jobId,
                q.type(),
                q.priority(),
                text(attributes, DeadLetterReason.ATTRIBUTE),
                text(attributes, DeadLetterReason.DETAIL_ATTRIBUTE),
                attempts == null ? null : Integer.valueOf(attempts),
                at,
                at == null ? null : Duration.between(at, clock.instant()),
                body.getBytes(StandardCharsets.UTF_8).length,
                body);
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OperationException.invalid("limit " + limit + " is out of range; give 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    private static String text(Map<String, MessageAttributeValue> attributes, String name) {
        MessageAttributeValue v = attributes.get(name);
        return v == null ? null : v.stringValue();
    }

    private static long number(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String v = attributes.get(name);
        return v == null ? 0 : Long.parseLong(v);
    }
}
