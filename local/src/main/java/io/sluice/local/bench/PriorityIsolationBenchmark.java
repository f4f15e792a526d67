package io.sluice.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Whether a low-priority flood delays high-priority jobs, measured end to end on sluice-local with job state: the
 * time from sending a high-priority webhook job to its request reaching a receiver, for jobs sent one at a time, while
 * the type is idle and while about 2,500 low-priority webhook jobs are queued whose receiver takes 50 ms (a python
 * process of its own, so its threads take nothing from the JVM under measurement). Idle and flooded rounds
 * alternate; the medians of all rounds are compared. Then the other side of fairness: how many low-priority jobs a
 * second finish alone, and while {@value #HIGH_PER_SECOND} high-priority jobs a second run beside them. On AWS each
 * priority has its own pollers and capacity, so the low ones keep most of their rate; a store emulator that served
 * high strictly first let them starve (0 low jobs finished during a high burst).
 */
public final class PriorityIsolationBenchmark {
    private static final String SLOW_RECEIVER = String.join(
            "\n",
            "import http.server, socketserver, sys, threading, time",
            "class Handler(http.server.BaseHTTPRequestHandler):",
            "    protocol_version = 'HTTP/1.1'",
            "    def do_POST(self):",
            "        self.rfile.read(int(self.headers.get('Content-Length', 0)))",
            "        time.sleep(0.05)",
            "        self.send_response(200)",
            "        self.send_header('Content-Length', '0')",
            "        self.end_headers()",
            "    def log_message(self, *args):",
            "        pass",
            "class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):",
            "    daemon_threads = True",
            "server = Server(('127.0.0.1', 0), Handler)",
            "print(server.server_address[1], flush=True)",
            "threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()",
            "server.serve_forever()",
            "");

    /** The high-priority load beside which the low-priority rate is measured (the figure). */
    static final int HIGH_PER_SECOND = 20;
    /** How long each low-priority rate is counted. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    /** Goals the report prints beside the figures. */
    private static final double LATENCY_GOAL = 1.2;

    private static final double SHARE_GOAL = 0.5;

    private final int highJobs;
    private final int floodJobs;
    private final int rounds;
    private final boolean jobState;

    /**
     * @param highJobs high-priority jobs per round and condition
     * @param floodJobs low-priority jobs queued in each flooded round
     * @param rounds idle-then-flooded rounds
     * @param jobState with job history and idempotency on the local DynamoDB (as deployed); without, to tell
     *     DynamoDB's share of a delay from the rest's
     */
    public PriorityIsolationBenchmark(int highJobs, int floodJobs, int rounds, boolean jobState) {
        this.highJobs = highJobs;
        this.floodJobs = floodJobs;
        this.rounds = rounds;
        this.jobState = jobState;
    }

    /** The latencies of one run, in milliseconds. */
    public record Result(
            int floodJobs,
            boolean jobState,
            double[] idle,
            double[] flooded,
            double lowRateAlone,
            double lowRateBesideHigh) {
        public double idleMedian() {
            return median(idle);
        }

        public double floodedMedian() {
            return median(flooded);
        }

        public double ratio() {
            return floodedMedian() / idleMedian();
        }

        public void print(PrintWriter out) {
            out.printf(
                    "%n  priority isolation: high-priority webhook jobs, send -> receiver (%d jobs each way, %s):%n",
                    idle.length, jobState ? "with job state on moto" : "without job state");
            out.printf("  %-44s %10.0f ms  p90 %.0f ms%n", "idle", idleMedian(), percentile(idle, 0.9));
            out.printf(
                    "  %-44s %10.0f ms  p90 %.0f ms%n",
                    "behind " + floodJobs + " queued low-priority jobs (50 ms each)",
                    floodedMedian(),
                    percentile(flooded, 0.9));
            out.printf("  %-44s %10.2f  (goal <= %.1f)%n", "ratio (flooded / idle, medians)", ratio(), LATENCY_GOAL);
            out.printf("%n  low-priority webhook jobs finished per second, over %d s:%n", RATE_WINDOW.toSeconds());
            out.printf("  %-44s %10.1f /s%n", "alone", lowRateAlone);
            out.printf(
                    "  %-44s %10.1f /s%n", "while " + HIGH_PER_SECOND + " high-priority jobs/s run", lowRateBesideHigh);
            out.printf(
                    "  %-44s %10.2f  (goal >= %.2f)%n",
                    "share kept (beside high / alone)", lowRateBesideHigh / lowRateAlone, SHARE_GOAL);
            out.flush();
        }

        private static double median(double[] values) {
            return percentile(values, 0.5);
        }

        private static double percentile(double[] values, double p) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            if (p == 0.5 && sorted.length % 2 == 0) {
                return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    public Result run(LocalOptions base, PrintWriter out) throws Exception {
        out.println("Measuring priority isolation (" + rounds + " rounds of " + highJobs
                + " high-priority jobs idle and" + " behind " + floodJobs + " low-priority ones)...");
        out.flush();
        Process slow = startSlowReceiver(base);
        int slowPort = readPort(slow);
        try (ArrivalReceiver arrivals = ArrivalReceiver.start();
                LocalRuntime runtime = LocalRuntime.start(base.toBuilder()
                        .types(List.of("webhook"))
                        .jobState(jobState)
                        .allowHost("127.0.0.1:" + slowPort)
                        .allowHost("127.0.0.1:" + arrivals.uri().getPort())
                        .build())) {
            URI slowUri = URI.create("http://127.0.0.1:" + slowPort + "/slow");
            runtime.startConsumers();
            String high = runtime.queueUrl("webhook", Priority.HIGH);
            String low = runtime.queueUrl("webhook", Priority.LOW);
            measure(runtime.sqs(), high, arrivals, 5); // warm-up: JIT, connections, the functions' first runs
            List<Double> idle = new ArrayList<>();
            List<Double> flooded = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                awaitDrained(runtime.sqs(), low);
                idle.addAll(measure(runtime.sqs(), high, arrivals, highJobs));
                flood(runtime.sqs(), low, slowUri);
                flooded.addAll(measure(runtime.sqs(), high, arrivals, highJobs));
                runtime.sqs().purgeQueue(r -> r.queueUrl(low));
            }
            awaitDrained(runtime.sqs(), low);
            double alone = lowRate(runtime.sqs(), low, high, arrivals, 0);
            double besideHigh = lowRate(runtime.sqs(), low, high, arrivals, HIGH_PER_SECOND);
            return new Result(
                    floodJobs,
                    jobState,
                    idle.stream().mapToDouble(Double::doubleValue).toArray(),
                    flooded.stream().mapToDouble(Double::doubleValue).toArray(),
                    alone,
                    besideHigh);
        } finally {
            slow.getOutputStream().close(); // the receiver exits when its standard input closes
            slow.destroy();
        }
    }

    /** Sends {@code count} high-priority jobs one at a time; each one's milliseconds from send to receiver. */
    private static List<Double> measure(SqsClient sqs, String queue, ArrivalReceiver arrivals, int count)
            throws InterruptedException {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JobEnvelope job = envelope(Priority.HIGH, arrivals.uri());
            long sent = System.nanoTime();
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(job.toJson()));
            Long arrived = arrivals.await(job.jobId(), Duration.ofSeconds(30));
            if (arrived == null) {
                throw new IllegalStateException("high-priority job " + job.jobId()
                        + " did not reach its receiver in 30 s; the benchmark is void");
            }
            latencies.add((arrived - sent) / 1e6);
            Thread.sleep(50);
        }
        return latencies;
    }

    /**
     * Low-priority jobs finished per second over {@link #RATE_WINDOW}, counted at the receiver once the first one
     * arrived, with {@code highPerSecond} high-priority jobs sent meanwhile (0: none). The backlog is large enough not
     * to drain within the window, and is purged afterwards.
     */
    private double lowRate(SqsClient sqs, String low, String high, ArrivalReceiver arrivals, int highPerSecond)
            throws Exception {
        long before = arrivals.lowArrivals();
        sendAll(sqs, low, floodJobs, () -> envelope(Priority.LOW, arrivals.lowUri()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (arrivals.lowArrivals() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long start = arrivals.lowArrivals();
        long startedAt = System.nanoTime();
        long end = startedAt + RATE_WINDOW.toNanos();
        long nextHigh = startedAt;
        while (System.nanoTime() < end) {
            if (highPerSecond > 0 && System.nanoTime() >= nextHigh) {
                JobEnvelope job = envelope(Priority.HIGH, arrivals.uri());
                sqs.sendMessage(r -> r.queueUrl(high).messageBody(job.toJson()));
                nextHigh += 1_000_000_000L / highPerSecond;
            }
            Thread.sleep(1);
        }
        double rate = (arrivals.lowArrivals() - start) / ((System.nanoTime() - startedAt) / 1e9);
        sqs.purgeQueue(r -> r.queueUrl(low));
        awaitDrained(sqs, low);
        awaitDrained(sqs, high);
        return rate;
    }

    /** Queues the flood and waits until its consumers are busy with it. */
    private void flood(SqsClient sqs, String queue, URI slow) throws Exception {
        sendAll(sqs, queue, floodJobs, () -> envelope(Priority.LOW, slow));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (inFlight(sqs, queue) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Sends {@code count} jobs in batches of ten from eight threads. */
    private static void sendAll(SqsClient sqs, String queue, int count, java.util.function.Supplier<JobEnvelope> job)
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int from = 0; from < count; from += 10) {
                int n = Math.min(10, count - from);
                sends.add(senders.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder()
                                .id(Integer.toString(i))
                                .messageBody(job.get().toJson())
                                .build());
                    }
                    sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }
    }

    private static void awaitDrained(SqsClient sqs, String queue) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (inFlight(sqs, queue) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static long inFlight(SqsClient sqs, String queue) {
        return Long.parseLong(sqs.getQueueAttributes(r ->
                        r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes()
                .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    private static JobEnvelope envelope(Priority priority, URI url) {
        JsonNode payload = SluiceJson.mapper().valueToTree(Map.of("url", url.toString(), "method", "POST"));
        return JobEnvelope.create("webhook", priority, payload, java.time.Instant.now())
                .withSource("bench");
    }

    private static Process startSlowReceiver(LocalOptions options) throws IOException {
        String python =
                options.python() != null ? options.python() : System.getenv().getOrDefault("SLUICE_PYTHON", "python3");
        Process process = new ProcessBuilder(python, "-c", SLOW_RECEIVER)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process;
    }

    private static int readPort(Process process) throws IOException {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(
                        process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        if (line == null) {
            throw new IllegalStateException("the slow receiver (python3) did not start");
        }
        return Integer.parseInt(line.trim());
    }

    /** An HTTP receiver on loopback that notes when each job's request arrived ({@code Sluice-Job-Id}). */
    private static final class ArrivalReceiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(4);
        private final Map<String, Long> arrived = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong lowArrivals = new java.util.concurrent.atomic.AtomicLong();

        private ArrivalReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.createContext("/", exchange -> {
                long now = System.nanoTime();
                try (exchange;
                        InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                    String job = exchange.getRequestHeaders().getFirst("Sluice-Job-Id");
                    if (exchange.getRequestURI().getPath().equals("/low")) {
                        lowArrivals.incrementAndGet(); // counted, not awaited: a rate, not a latency
                    } else if (job != null) {
                        synchronized (arrived) {
                            arrived.putIfAbsent(job, now);
                            arrived.notifyAll();
                        }
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.setExecutor(executor);
            server.start();
        }

        static ArrivalReceiver start() throws IOException {
            return new ArrivalReceiver();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/arrive");
        }

        /** Where low-priority jobs of a rate measurement go: counted only. */
        URI lowUri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/low");
        }

        long lowArrivals() {
            return lowArrivals.get();
        }

        /** When the job's request arrived ({@link System#nanoTime}), or {@code null} if not within {@code wait}. */
        Long await(String jobId, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (arrived) {
                while (!arrived.containsKey(jobId)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    arrived.wait(Math.max(1, left / 1_000_000));
                }
                return arrived.get(jobId);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
