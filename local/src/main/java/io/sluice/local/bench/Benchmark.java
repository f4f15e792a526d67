package io.sluice.local.bench;

import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.local.demo.OutcomeTally;
import io.sluice.topology.QueueSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Measures, in one run and on the same ElasticMQ: (1) end-to-end jobs/s of the {@code noop} type through
 * the event-source-mapping emulator and the real entry point, and (2) the raw rate at which the same
 * number of threads can receive and delete the same number of messages with the same batch size, with no
 * Sluice code involved. Both start from a pre-filled queue, so enqueueing is not measured. Their ratio is
 * the share of the raw queue throughput Sluice keeps.
 */
public final class Benchmark {
    private final int messages;

    public Benchmark(int messages) {
        this.messages = messages;
    }

    /** The figures of one run. */
    public record Result(int messages, int batchSize, int consumers, double sluiceJobsPerSecond, double rawMessagesPerSecond) {
        public double ratio() {
            return sluiceJobsPerSecond / rawMessagesPerSecond;
        }

        public void print(PrintWriter out) {
            out.printf("%nsluice-local bench: %d messages, batch size %d, %d consumers%n", messages, batchSize, consumers);
            out.printf("  %-44s %10.0f msg/s%n", "raw ElasticMQ receive + delete", rawMessagesPerSecond);
            out.printf("  %-44s %10.0f jobs/s%n", "Sluice end to end (noop job)", sluiceJobsPerSecond);
            out.printf("  %-44s %10.2f%n", "ratio (Sluice / raw)", ratio());
            out.flush();
        }
    }

    public Result run(LocalOptions base, PrintWriter out) throws Exception {
        OutcomeTally tally = new OutcomeTally();
        LocalOptions options = base.withTypes(List.of("noop")).withListener(tally);
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            QueueSpec queue = runtime.topology().job("noop").queue(Priority.NORMAL);
            int batchSize = queue.eventSourceMapping().batchSize();
            int consumers = queue.eventSourceMapping().maximumConcurrency();
            SqsClient sqs = runtime.sqs();

            String rawUrl = sqs.createQueue(r -> r.queueName("sluice-bench-raw")).queueUrl();
            // Warm the JIT, the SDK and ElasticMQ first, so neither measurement pays for start-up.
            fill(sqs, rawUrl, Math.min(messages, 2000));
            drainRaw(sqs, rawUrl, Math.min(messages, 2000), batchSize, consumers);
            out.println("Filling the raw queue with " + messages + " messages...");
            out.flush();
            fill(sqs, rawUrl, messages);
            Instant rawStart = Instant.now();
            drainRaw(sqs, rawUrl, messages, batchSize, consumers);
            Duration raw = Duration.between(rawStart, Instant.now());

            out.println("Filling the noop queue with " + messages + " jobs...");
            out.flush();
            fill(sqs, runtime.queueUrl("noop", Priority.NORMAL), messages);
            Instant start = Instant.now();
            runtime.startConsumers();
            while (tally.finished() < messages) {
                Thread.sleep(5);
            }
            Duration sluice = Duration.between(start, Instant.now());
            if (tally.deadLettered() > 0) {
                throw new IllegalStateException(tally.deadLettered() + " noop jobs were dead-lettered; the benchmark is void");
            }
            return new Result(messages, batchSize, consumers, messages / seconds(sluice), messages / seconds(raw));
        }
    }

    private static double seconds(Duration d) {
        return Math.max(0.001, d.toNanos() / 1e9);
    }

    private static void fill(SqsClient sqs, String url, int count) throws Exception {
        String body = JobEnvelope.create("noop", Priority.NORMAL, SluiceJson.mapper().valueToTree(Map.of("note", "bench")), Instant.now()).toJson();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < count; from += 10) {
                int n = Math.min(10, count - from);
                futures.add(pool.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
                    }
                    sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void drainRaw(SqsClient sqs, String url, int count, int batchSize, int consumers) throws Exception {
        AtomicInteger deleted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                futures.add(pool.submit(() -> {
                    while (deleted.get() < count) {
                        List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(Math.min(10, batchSize)).waitTimeSeconds(1)).messages();
                        if (batch.isEmpty()) {
                            continue;
                        }
                        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < batch.size(); i++) {
                            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(batch.get(i).receiptHandle()).build());
                        }
                        sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
                        deleted.addAndGet(batch.size());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
