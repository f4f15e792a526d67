package io.sluice.local.demo;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.Priority;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.moto.MotoOptions;
import io.sluice.moto.MotoServer;
import io.sluice.moto.OutageProxy;
import io.sluice.topology.QueueSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The README's main job: starts sluice-local on free ports with a short demo backoff, sends the
 * {@link DemoWorkload} to the webhook queues, shows progress while it drains, and then checks the books:
 * every message sent ended exactly once (succeeded, or dead-lettered with a reason), the dead-letter
 * queues hold exactly the dead-lettered ones, the job queues are empty, and the receiver saw only
 * correctly signed requests.
 */
public final class DemoRun {
    private final int webhookJobs;
    private final Duration stallLimit;
    private final Chaos chaos;

    /**
     * @param stallLimit how long the run waits while no job finishes before it gives up: a deadline on progress, not
     *     on total time, so a loaded machine makes the demo slower but never fails it while jobs still finish
     */
    public DemoRun(int webhookJobs, Duration stallLimit) {
        this(webhookJobs, stallLimit, Chaos.NONE);
    }

    public DemoRun(int webhookJobs, Duration stallLimit, Chaos chaos) {
        if (stallLimit.isNegative() || stallLimit.isZero()) {
            throw new IllegalArgumentException("the stall limit must be positive, was " + stallLimit);
        }
        this.webhookJobs = webhookJobs;
        this.stallLimit = stallLimit;
        this.chaos = chaos;
    }

    /**
     * Faults a chaos run adds to the demo's own (failing receivers, malformed messages): a share of the jobs sent twice,
     * and an outage of the job store (DynamoDB answering 503, through {@link OutageProxy}) starting once
     * {@code outageAfter} of the messages have finished.
     *
     * @param duplicatePercent how many jobs in a hundred are sent a second time, 0 to 100
     * @param outage how long DynamoDB refuses every request; zero for none
     * @param outageAfter the share of finished messages at which the outage starts, 0 to 1
     */
    public record Chaos(int duplicatePercent, Duration outage, double outageAfter) {
        public static final Chaos NONE = new Chaos(0, Duration.ZERO, 0);

        public Chaos {
            if (duplicatePercent < 0 || duplicatePercent > 100) {
                throw new IllegalArgumentException("duplicates must be 0 to 100 percent, was " + duplicatePercent);
            }
            if (outage.isNegative()) {
                throw new IllegalArgumentException("the outage must not be negative, was " + outage);
            }
        }
    }

    public DemoReport run(LocalOptions base, PrintWriter out, boolean terminal)
            throws IOException, InterruptedException {
        String secret = UUID.randomUUID().toString();
        OutcomeTally tally = new OutcomeTally();
        Map<String, String> overrides = new HashMap<>(base.overrides());
        // Seconds instead of minutes, so the failing jobs use up their attempts while you watch.
        overrides.putIfAbsent("webhook.backoff.initial", "PT0.5S");
        overrides.putIfAbsent("webhook.backoff.max", "PT2S");
        Map<String, String> config = new HashMap<>(base.config());
        config.put("SLUICE_WEBHOOK_SECRET", secret);
        LocalOptions.Builder options = base.toBuilder()
                .overrides(overrides)
                .config(config)
                .listener(tally)
                .types(List.of("webhook"));
        if (base.sqsEndpoint() == null && base.sqsPort() == LocalOptions.DEFAULT_SQS_PORT) {
            options.ports(freePort(), freePort());
        }
        if (base.schedulerPort() == LocalOptions.DEFAULT_SCHEDULER_PORT) {
            options.schedulerPort(0);
        }
        MotoServer moto = null;
        OutageProxy proxy = null;
        if (!chaos.outage().isZero()) {
            // The store must be reachable only through the proxy the outage is switched on.
            moto = MotoServer.start(
                    base.python() == null
                            ? MotoOptions.onPort(0)
                            : MotoOptions.onPort(0).withPython(base.python()));
            proxy = OutageProxy.to(moto.endpoint());
            options.endpoints(base.sqsEndpoint(), proxy.endpoint());
        }
        try (DemoReceiver receiver = DemoReceiver.start(secret);
                LocalRuntime runtime = LocalRuntime.start(
                        options.allowHost("127.0.0.1:" + receiver.baseUri().getPort())
                                .build())) {
            out.println("sluice-local demo: SQS " + runtime.sqsEndpoint() + ", DynamoDB " + runtime.dynamoDbEndpoint()
                    + ", webhook receiver " + receiver.baseUri());
            List<DemoWorkload.Item> items =
                    new ArrayList<>(DemoWorkload.build(webhookJobs, receiver.baseUri(), "sluice-demo", Instant.now()));
            for (int i = 0; i < webhookJobs; i++) {
                if (i % 100 < chaos.duplicatePercent()) {
                    items.add(items.get(i)); // the same envelope again: a producer's retry, SQS's at-least-once
                }
            }
            out.println("Enqueueing " + items.size() + " messages (" + webhookJobs + " webhook jobs and "
                    + (items.size() - webhookJobs) + " malformed ones) on high, normal and low queues...");
            out.flush();
            Instant started = Instant.now();
            List<String> sent = send(runtime, items);
            runtime.startConsumers();
            ProgressBar bar = new ProgressBar(out, terminal);
            long lastFinished = 0;
            Instant lastProgress = started;
            Instant outageEnds = null;
            boolean stalled = false;
            while (tally.finished() < sent.size()) {
                long finished = tally.finished();
                if (finished > lastFinished) {
                    lastFinished = finished;
                    lastProgress = Instant.now();
                } else if (Duration.between(lastProgress, Instant.now()).compareTo(stallLimit) > 0) {
                    stalled = true;
                    break;
                }
                if (proxy != null && outageEnds == null && tally.finished() >= chaos.outageAfter() * sent.size()) {
                    proxy.down(true);
                    outageEnds = Instant.now().plus(chaos.outage());
                    bar.note("DynamoDB is down for " + chaos.outage().toSeconds() + " s (503 to every request)");
                }
                if (proxy != null && outageEnds != null && Instant.now().isAfter(outageEnds)) {
                    proxy.down(false);
                }
                bar.show(
                        tally.finished(),
                        sent.size(),
                        "ok " + tally.succeeded() + "  dead-lettered " + tally.deadLettered() + "  retries "
                                + tally.retries());
                Thread.sleep(200);
            }
            bar.show(
                    tally.finished(),
                    sent.size(),
                    "ok " + tally.succeeded() + "  dead-lettered " + tally.deadLettered() + "  retries "
                            + tally.retries());
            bar.finish();
            if (stalled) {
                out.println("No job finished for " + stallLimit.toSeconds() + " s (--stall-limit); giving up with "
                        + (sent.size() - tally.finished()) + " jobs unfinished.");
            }
            Duration elapsed = Duration.between(started, Instant.now());
            // The runtime reports an outcome before the poller deletes the message; let the deletes land.
            Instant settle = Instant.now().plusSeconds(30);
            while (acknowledged(runtime) < tally.finished() && Instant.now().isBefore(settle)) {
                Thread.sleep(20);
            }
            int unaccounted =
                    (int) sent.stream().filter(id -> !tally.isFinished(id)).count();
            long inDeadLetterQueues = 0;
            long leftInQueues = 0;
            for (QueueSpec q : runtime.topology().job("webhook").queues()) {
                inDeadLetterQueues += depth(runtime.sqs(), runtime.deadLetterQueueUrl("webhook", q.priority()));
                leftInQueues += depth(runtime.sqs(), runtime.queueUrl("webhook", q.priority()));
            }
            // Every /ok job succeeds on its first request, so the other successes needed a retry.
            int succeededAfterRetry = (int) (tally.succeeded() - receiver.requests("/ok"));
            return new DemoReport(
                    sent.size(),
                    tally.succeeded(),
                    Math.max(0, succeededAfterRetry),
                    tally.retries(),
                    tally.deadLetteredByReason(),
                    unaccounted,
                    tally.duplicateTerminals(),
                    inDeadLetterQueues,
                    leftInQueues,
                    receiver.badSignatures(),
                    elapsed,
                    tally.duplicatesSkipped(),
                    receiver.doubleSideEffects(),
                    proxy == null ? 0 : proxy.refused());
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            if (moto != null) {
                moto.close();
            }
        }
    }

    private static long acknowledged(LocalRuntime runtime) {
        return runtime.mappings().stream().mapToLong(m -> m.acknowledged()).sum();
    }

    private static List<String> send(LocalRuntime runtime, List<DemoWorkload.Item> items) throws InterruptedException {
        Map<Priority, List<DemoWorkload.Item>> byPriority = new HashMap<>();
        items.forEach(i ->
                byPriority.computeIfAbsent(i.priority(), p -> new ArrayList<>()).add(i));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (Map.Entry<Priority, List<DemoWorkload.Item>> e : byPriority.entrySet()) {
                String url = runtime.queueUrl("webhook", e.getKey());
                List<DemoWorkload.Item> list = e.getValue();
                for (int from = 0; from < list.size(); from += 10) {
                    List<DemoWorkload.Item> chunk = list.subList(from, Math.min(list.size(), from + 10));
                    futures.add(senders.submit(() -> sendBatch(runtime.sqs(), url, chunk)));
                }
            }
            List<String> ids = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                try {
                    ids.addAll(f.get());
                } catch (java.util.concurrent.ExecutionException ex) {
                    throw new IllegalStateException(
                            "could not enqueue the demo workload: "
                                    + ex.getCause().getMessage(),
                            ex.getCause());
                }
            }
            return ids;
        } finally {
            senders.shutdown();
        }
    }

    private static List<String> sendBatch(SqsClient sqs, String url, List<DemoWorkload.Item> chunk) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(chunk.get(i).body())
                    .build());
        }
        SendMessageBatchResponse response =
                sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException(response.failed().size() + " messages were refused: "
                    + response.failed().get(0).message());
        }
        return response.successful().stream().map(s -> s.messageId()).toList();
    }

    static long depth(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        return Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))
                + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** What a demo run proved. */
    public record DemoReport(
            int sent,
            int succeeded,
            int succeededAfterRetry,
            long retryAttempts,
            Map<DeadLetterReason, Integer> deadLetteredByReason,
            int unaccounted,
            long duplicateTerminals,
            long inDeadLetterQueues,
            long leftInQueues,
            long badSignatures,
            Duration elapsed,
            int duplicatesSkipped,
            long doubleSideEffects,
            int storeRequestsRefused) {

        public int deadLettered() {
            return deadLetteredByReason.values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
        }

        /** Every job ended exactly once and the queues agree. */
        public boolean balanced() {
            return unaccounted == 0
                    && duplicateTerminals == 0
                    && inDeadLetterQueues == deadLettered()
                    && leftInQueues == 0
                    && badSignatures == 0
                    && doubleSideEffects == 0
                    && succeeded + deadLettered() + duplicatesSkipped == sent;
        }

        public double jobsPerSecond() {
            return sent / Math.max(0.001, elapsed.toMillis() / 1000.0);
        }

        public void print(PrintWriter out) {
            out.println();
            out.printf("  %-34s %8d%n", "messages sent", sent);
            out.printf("  %-34s %8d%n", "succeeded", succeeded);
            out.printf("  %-34s %8d%n", "  of which after a retry", succeededAfterRetry);
            out.printf("  %-34s %8d%n", "retried attempts (backoff)", retryAttempts);
            out.printf("  %-34s %8d%n", "dead-lettered", deadLettered());
            deadLetteredByReason.forEach((reason, n) -> out.printf("  %-34s %8d%n", "  " + reason.wireName(), n));
            out.printf("  %-34s %8d%n", "in dead-letter queues", inDeadLetterQueues);
            out.printf("  %-34s %8d%n", "left in job queues", leftInQueues);
            if (duplicatesSkipped > 0) {
                out.printf("  %-34s %8d%n", "skipped as duplicates", duplicatesSkipped);
            }
            if (storeRequestsRefused > 0) {
                out.printf("  %-34s %8d%n", "DynamoDB requests refused (outage)", storeRequestsRefused);
            }
            out.printf("  %-34s %8d%n", "unaccounted for (lost)", unaccounted);
            out.printf("  %-34s %8d%n", "side effects run twice", doubleSideEffects);
            out.printf("  %-34s %8d%n", "finished twice", duplicateTerminals);
            out.printf("  %-34s %8d%n", "badly signed webhook requests", badSignatures);
            out.printf("  %-34s %8.1f s%n", "elapsed", elapsed.toMillis() / 1000.0);
            out.printf("  %-34s %8.1f%n", "jobs/s (end to end, incl. backoff)", jobsPerSecond());
            out.println();
            out.println(
                    balanced() ? "OK: every job is accounted for." : "FAILED: the books do not balance (see above).");
            out.flush();
        }
    }
}
