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
import java.util.Arrays;
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
 * number of threads receive and delete the same number of messages with the same batch size, with no
 * Sluice code involved. Sluice's path includes its DynamoDB work (claim and completion per job), and the
 * run counts those requests per job. Each measurement drains a pre-filled queue, so enqueueing is not measured; both
 * paths are warmed up first and then measured alternately for several rounds, and the medians are
 * compared, because a 2-core machine's figures swing from one run to the next.
 */
public final class Benchmark {
    private final int messages;
    private final int rounds;

    public Benchmark(int messages, int rounds) {
        this.messages = messages;
        this.rounds = rounds;
    }

    /** The figures of one run (per-round rates, in messages per second). */
    public record Result(
            int messages,
            int batchSize,
            int consumers,
            double[] sluice,
            double[] raw,
            int stateMessages,
            double withStateJobsPerSecond,
            double writesPerJob,
            double readsPerJob) {
        public double sluiceMedian() {
            return median(sluice);
        }

        public double rawMedian() {
            return median(raw);
        }

        public double ratio() {
            return sluiceMedian() / rawMedian();
        }

        public void print(PrintWriter out) {
            out.printf(
                    "%nsluice-local bench: %d messages per round, %d rounds, batch size %d, %d consumers%n",
                    messages, sluice.length, batchSize, consumers);
            out.printf(
                    "  %-44s %10.0f msg/s   rounds %s%n", "raw ElasticMQ receive + delete", rawMedian(), rounded(raw));
            out.printf(
                    "  %-44s %10.0f jobs/s  rounds %s%n",
                    "Sluice end to end (noop job)", sluiceMedian(), rounded(sluice));
            out.printf("  %-44s %10.2f%n", "ratio (Sluice / raw, medians)", ratio());
            out.printf("%n  with job history and idempotency on moto (%d jobs):%n", stateMessages);
            out.printf("  %-44s %10.0f jobs/s%n", "Sluice end to end (noop job)", withStateJobsPerSecond);
            out.printf("  %-44s %10.2f%n", "DynamoDB writes per job (history + idempotency)", writesPerJob);
            out.printf("  %-44s %10.2f%n", "DynamoDB reads per job", readsPerJob);
            out.flush();
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        private static String rounded(double[] values) {
            return Arrays.stream(values)
                    .mapToObj(v -> String.format("%.0f", v))
                    .toList()
                    .toString();
        }
    }

    public Result run(LocalOptions base, PrintWriter out) throws Exception {
        OutcomeTally tally = new OutcomeTally();
        int batchSize;
        int consumers;
        double[] raw = new double[rounds];
        double[] sluice = new double[rounds];
        // First the runtime alone, against the queue alone: no job state, so only Sluice's own work differs.
        try (LocalRuntime runtime = LocalRuntime.start(base.toBuilder()
                .types(List.of("noop"))
                .listener(tally)
                .jobState(false)
                .build())) {
            QueueSpec queue = runtime.topology().job("noop").queue(Priority.NORMAL);
            batchSize = queue.eventSourceMapping().batchSize();
            consumers = queue.eventSourceMapping().maximumConcurrency();
            SqsClient sqs = runtime.sqs();
            String rawUrl =
                    sqs.createQueue(r -> r.queueName("sluice-bench-raw")).queueUrl();
            String jobUrl = runtime.queueUrl("noop", Priority.NORMAL);

            out.println("Warming up both paths with one unmeasured round...");
            out.flush();
            measureRaw(sqs, rawUrl, messages, batchSize, consumers);
            measureSluice(runtime, tally, jobUrl, messages);
            for (int round = 0; round < rounds; round++) {
                out.println("Round " + (round + 1) + " of " + rounds + "...");
                out.flush();
                raw[round] = messages / seconds(measureRaw(sqs, rawUrl, messages, batchSize, consumers));
                sluice[round] = messages / seconds(measureSluice(runtime, tally, jobUrl, messages));
            }
        }
        // Then the full runtime: every job claimed and completed in DynamoDB (Local), requests counted.
        int stateMessages = Math.min(messages, 5000);
        double withState;
        double writesPerJob;
        double readsPerJob;
        out.println("Measuring with job state (" + stateMessages + " jobs)...");
        out.flush();
        try (LocalRuntime runtime = LocalRuntime.start(base.toBuilder()
                .types(List.of("noop"))
                .listener(tally)
                .jobState(true)
                .build())) {
            String jobUrl = runtime.queueUrl("noop", Priority.NORMAL);
            measureSluice(runtime, tally, jobUrl, Math.min(stateMessages, 1000));
            long writesBefore = runtime.dynamoDbRequests().writes();
            long readsBefore = runtime.dynamoDbRequests().reads();
            withState = stateMessages / seconds(measureSluice(runtime, tally, jobUrl, stateMessages));
            writesPerJob = (runtime.dynamoDbRequests().writes() - writesBefore) / (double) stateMessages;
            readsPerJob = (runtime.dynamoDbRequests().reads() - readsBefore) / (double) stateMessages;
        }
        if (tally.deadLettered() > 0 || tally.duplicatesSkipped() > 0) {
            throw new IllegalStateException(tally.deadLettered() + " noop jobs were dead-lettered and "
                    + tally.duplicatesSkipped() + " skipped; the benchmark is void");
        }
        return new Result(
                messages, batchSize, consumers, sluice, raw, stateMessages, withState, writesPerJob, readsPerJob);
    }

    private static Duration measureSluice(LocalRuntime runtime, OutcomeTally tally, String url, int count)
            throws Exception {
        fill(runtime.sqs(), url, count);
        Instant start = Instant.now();
        runtime.startConsumers();
        // Done when the last message is deleted, as the raw path counts it, not when the last job returns.
        while (runtime.mappings().stream().mapToLong(m -> m.acknowledged()).sum() < count) {
            if (tally.deadLettered() > 0) {
                throw new IllegalStateException("a noop job was dead-lettered; the benchmark is void");
            }
            Thread.sleep(2);
        }
        Duration elapsed = Duration.between(start, Instant.now());
        runtime.stopConsumers();
        return elapsed;
    }

    private static Duration measureRaw(SqsClient sqs, String url, int count, int batchSize, int consumers)
            throws Exception {
        fill(sqs, url, count);
        long start = System.nanoTime();
        long end = drainRaw(sqs, url, count, batchSize, consumers);
        return Duration.ofNanos(end - start);
    }

    private static double seconds(Duration d) {
        return Math.max(0.001, d.toNanos() / 1e9);
    }

    private static void fill(SqsClient sqs, String url, int count) throws Exception {
        // A new job id per message: identical envelopes would be one job, and all but one skipped as duplicates.
        var payload = SluiceJson.mapper().valueToTree(Map.of("note", "bench"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < count; from += 10) {
                int n = Math.min(10, count - from);
                futures.add(pool.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String body = JobEnvelope.create(
                                        "noop",
                                        Priority.NORMAL,
                                        (com.fasterxml.jackson.databind.JsonNode) payload,
                                        Instant.now())
                                .toJson();
                        entries.add(SendMessageBatchRequestEntry.builder()
                                .id(Integer.toString(i))
                                .messageBody(body)
                                .build());
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

    /** Drains the queue; returns the nanoTime at which the last message was deleted (idle long polls excluded). */
    private static long drainRaw(SqsClient sqs, String url, int count, int batchSize, int consumers) throws Exception {
        AtomicInteger deleted = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong finished = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                futures.add(pool.submit(() -> {
                    while (deleted.get() < count) {
                        List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url)
                                        .maxNumberOfMessages(Math.min(10, batchSize))
                                        .waitTimeSeconds(1))
                                .messages();
                        if (batch.isEmpty()) {
                            continue;
                        }
                        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < batch.size(); i++) {
                            entries.add(DeleteMessageBatchRequestEntry.builder()
                                    .id(Integer.toString(i))
                                    .receiptHandle(batch.get(i).receiptHandle())
                                    .build());
                        }
                        sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(entries));
                        if (deleted.addAndGet(batch.size()) >= count) {
                            finished.compareAndSet(0, System.nanoTime());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return finished.get();
        } finally {
            pool.shutdown();
        }
    }
}
