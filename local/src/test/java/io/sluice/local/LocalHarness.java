package io.sluice.local;

import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.demo.OutcomeTally;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A sluice-local runtime on free loopback ports for end-to-end tests, with the tally of every outcome and
 * small helpers to send envelopes and read dead-letter queues. Waiting is a bounded poll, never a sleep
 * of a guessed length, and never an assertion on time.
 */
public final class LocalHarness implements AutoCloseable {
    public final LocalRuntime runtime;
    private final OutcomeTally tally;

    public static LocalHarness start(List<String> types, Map<String, String> overrides) {
        return start(types, overrides, true);
    }

    /** sluice-local pointed at running SQS and DynamoDB services (LocalStack), consumers running. */
    public static LocalHarness startAgainst(
            java.net.URI sqs, java.net.URI dynamoDb, List<String> types, Map<String, String> overrides) {
        return start(LocalOptions.builder().endpoints(sqs, dynamoDb), types, overrides, true);
    }

    public static LocalHarness start(List<String> types, Map<String, String> overrides, boolean consumers) {
        return start(LocalOptions.builder().ports(freePort(), 0), types, overrides, consumers);
    }

    /** With handler configuration too ({@code SLUICE_TWEET_BASE_URL}, {@code SLUICE_SECRETS_FILE}, ...), as {@code --config} gives it. */
    public static LocalHarness start(
            List<String> types, Map<String, String> overrides, Map<String, String> config, boolean consumers) {
        return start(LocalOptions.builder().ports(freePort(), 0).config(config), types, overrides, consumers);
    }

    private static LocalHarness start(
            LocalOptions.Builder base, List<String> types, Map<String, String> overrides, boolean consumers) {
        OutcomeTally tally = new OutcomeTally();
        LocalOptions options = base.schedulerPort(0)
                .types(types)
                .overrides(overrides)
                .pollWaitSeconds(1)
                .listener(tally)
                .build();
        LocalHarness harness = new LocalHarness(LocalRuntime.start(options), tally);
        if (consumers) {
            harness.runtime.startConsumers();
        }
        return harness;
    }

    private LocalHarness(LocalRuntime runtime, OutcomeTally tally) {
        this.runtime = runtime;
        this.tally = tally;
    }

    public OutcomeTally outcomes() {
        return tally;
    }

    public static String envelope(String type, String jobId, Priority priority, Map<String, Object> payload) {
        return JobEnvelope.builder()
                .jobId(jobId)
                .type(type)
                .priority(priority)
                .payload(SluiceJson.mapper().valueToTree(payload))
                .createdAt(Instant.now())
                .source("tests")
                .build()
                .toJson();
    }

    /** Sends a raw body to a type's queue; returns the SQS message id. */
    public String send(String type, Priority priority, String body) {
        return runtime.sqs()
                .sendMessage(r -> r.queueUrl(runtime.queueUrl(type, priority)).messageBody(body))
                .messageId();
    }

    /** Waits until every message id has a terminal outcome, failing after {@code limit}. */
    public void awaitFinished(Collection<String> messageIds, Duration limit) {
        await(
                () -> messageIds.stream().allMatch(tally::isFinished),
                limit,
                () -> "messages not finished: "
                        + messageIds.stream()
                                .filter(id -> !tally.isFinished(id))
                                .toList());
    }

    public static void await(BooleanSupplier condition, Duration limit, java.util.function.Supplier<String> what) {
        Instant until = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                fail("gave up after " + limit + ": " + what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** Every message now in a type's DLQ, read without removing or hiding it. */
    public List<Message> deadLetters(String type, Priority priority) {
        String url = runtime.deadLetterQueueUrl(type, priority);
        List<Message> all = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Message> batch = runtime.sqs()
                    .receiveMessage(r -> r.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(0)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            for (Message m : batch) {
                if (!seen.contains(m.messageId())) {
                    seen.add(m.messageId());
                    all.add(m);
                }
            }
        }
        return all;
    }

    /** Messages in a queue, visible, in flight or delayed. */
    public long depth(String url) {
        var a = runtime.sqs()
                .getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNamesWithStrings(
                                "ApproximateNumberOfMessages",
                                "ApproximateNumberOfMessagesNotVisible",
                                "ApproximateNumberOfMessagesDelayed"))
                .attributesAsStrings();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
