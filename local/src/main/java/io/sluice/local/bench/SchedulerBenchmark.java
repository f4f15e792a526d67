package io.sluice.local.bench;

import io.sluice.local.LocalClients;
import io.sluice.local.LocalOperations;
import io.sluice.local.emulator.ElasticMqServer;
import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.local.scheduler.JournalScheduleStore;
import io.sluice.local.scheduler.Schedule;
import io.sluice.local.scheduler.ScheduleTimes;
import io.sluice.local.scheduler.SchedulerAccount;
import io.sluice.local.scheduler.SqsTargetSender;
import io.sluice.local.scheduler.TargetSender;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How sluice-local's EventBridge Scheduler emulator holds a burst, on this machine, as a user meets it: a data
 * directory (journal store), a real ElasticMQ as the target, the AWS SDK's Scheduler client over HTTP.
 *
 * <ol>
 *   <li>A {@code rate(1 minute)} schedule is created first; then {@code count} one-time {@code at()} schedules from 8
 *       threads, all due 2 s before the recurring one's first firing, so it falls inside their backlog.
 *   <li>Fire rate and lateness (send finished minus scheduled time) of the burst; the recurring schedule's lateness
 *       under it.
 *   <li>A paced phase, {@code count / 10} schedules at 100 a second, once the burst has drained: lateness when the
 *       backlog allows.
 *   <li>Stop time: a fresh backlog of {@code count / 5} due schedules, then the emulator closed at once, as SIGTERM
 *       does; and whether a temporary file was left in the data directory.
 * </ol>
 */
public final class SchedulerBenchmark {
    private static final Pattern SCHEDULED = Pattern.compile("\"at\":\"([^\"]+)\"");
    private static final String QUEUE = "bench-schedules";

    private final int count;

    public SchedulerBenchmark(int count) {
        this.count = count;
    }

    /** The figures of one run. */
    public record Result(
            int created,
            double createSeconds,
            double fireRate,
            double burstP50,
            double burstP99,
            List<Double> recurringLateness,
            int paced,
            double pacedP50,
            double pacedP99,
            int stopBacklog,
            double stopSeconds,
            double createOverrun,
            boolean temporaryFileLeft,
            int duplicates) {
        public void print(PrintWriter out) {
            out.printf(
                    "scheduler emulator, %d at() schedules (journal store, ElasticMQ target, SDK client)%n", created);
            out.printf(
                    "  create %d at() schedules, 8 threads        %8.1f s   (goal <= 20 s)%n", created, createSeconds);
            out.printf(
                    "  fire rate once due                         %8.0f /s  (goal >= 500/s)%s%n",
                    fireRate,
                    createOverrun > 0
                            ? String.format(
                                    " [creating overran the due time by %.1f s; the rate includes it]", createOverrun)
                            : "");
            out.printf(
                    "  lateness of the burst, p50 / p99           %8.2f / %.2f s (queued behind %d)%n",
                    burstP50, burstP99, created);
            out.printf("  recurring rate(1 minute) lateness, burst   %s s%n", recurringLateness);
            out.printf(
                    "  lateness, %d paced at 100/s, p50 / p99    %8.3f / %.3f s (goal <= 1 s)%n",
                    paced, pacedP50, pacedP99);
            out.printf(
                    "  stop with %d due, as on SIGTERM           %8.2f s   (goal <= 5 s)%n", stopBacklog, stopSeconds);
            out.printf("  temporary file left in the data directory  %8s%n", temporaryFileLeft ? "YES" : "no");
            out.printf("  occurrences fired twice                    %8d%n", duplicates);
            out.flush();
        }
    }

    public Result run() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("sluice-bench-scheduler");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> latenessById = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        try (ElasticMqServer sqsServer = ElasticMqServer.start("127.0.0.1", freePort(), "us-east-1");
                SqsClient sqs = LocalClients.sqs(sqsServer.endpoint(), "us-east-1")) {
            sqs.createQueue(r -> r.queueName(QUEUE));
            SqsTargetSender real = new SqsTargetSender(sqs);
            TargetSender timed = (queue, body, group, attributes) -> {
                String id = real.send(queue, body, group, attributes);
                Instant done = Instant.now();
                Matcher m = SCHEDULED.matcher(body);
                if (m.find()) {
                    String key = body.substring(
                                    body.indexOf("\"id\":\"") + 6, body.indexOf("\"", body.indexOf("\"id\":\"") + 6))
                            + "@" + m.group(1);
                    double late =
                            Duration.between(Instant.parse(m.group(1)), done).toNanos() / 1e9;
                    if (latenessById.put(key, late) != null) {
                        duplicates.incrementAndGet();
                    }
                }
                return id;
            };
            SchedulerEmulator emulator = SchedulerEmulator.start(
                    "127.0.0.1",
                    0,
                    new SchedulerAccount("us-east-1", ElasticMqServer.ACCOUNT_ID),
                    JournalScheduleStore.inDirectory(dataDir),
                    timed,
                    Clock.systemUTC());
            boolean closed = false;
            try (SchedulerClient client = client(emulator)) {
                String arn = "arn:aws:sqs:us-east-1:" + ElasticMqServer.ACCOUNT_ID + ":" + QUEUE;
                emulator.startFiring();
                // The burst falls due once creating it should be over (20 s + 5 ms a schedule), the recurring
                // schedule's first firing 2 s into it.
                Instant recurringStart =
                        Instant.now().plusSeconds(20 + count / 200).truncatedTo(ChronoUnit.SECONDS);
                client.createSchedule(r -> r.name("recurring")
                        .scheduleExpression("rate(1 minute)")
                        .startDate(recurringStart)
                        .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                        .target(t -> t.arn(arn)
                                .roleArn(LocalOperations.SCHEDULER_ROLE)
                                .input("{\"id\":\"recurring\",\"at\":\"<aws.scheduler.scheduled-time>\"}")));
                Schedule recurring = emulator.registry().get("default", "recurring");
                ScheduleTimes times = ScheduleTimes.of(recurring);
                Instant recurringFirst = times.next(times.initialCursor(recurring.lastModificationDate()))
                        .orElseThrow();
                Instant burstAt = recurringFirst.minusSeconds(2);

                long createStart = System.nanoTime();
                create(client, arn, "burst-", count, i -> burstAt);
                double createSeconds = (System.nanoTime() - createStart) / 1e9;
                double overrun =
                        Math.max(0, Duration.between(burstAt, Instant.now()).toMillis() / 1000.0);
                int paced = count / 10;
                Instant pacedStart = Instant.now()
                                .truncatedTo(ChronoUnit.SECONDS)
                                .plusSeconds(5)
                                .isAfter(burstAt.plusSeconds(40))
                        ? Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(5)
                        : burstAt.plusSeconds(40);
                create(client, arn, "paced-", paced, i -> pacedStart.plusSeconds(i / 100));

                awaitCount(latenessById, "burst-", count, Duration.ofMinutes(10));
                List<Double> burst = values(latenessById, "burst-");
                double lastBurst = Collections.max(burst);
                double fireRate = count / Math.max(lastBurst, 0.001);
                awaitCount(latenessById, "recurring", 1, Duration.ofMinutes(3));
                awaitCount(latenessById, "paced-", paced, Duration.ofMinutes(5));
                List<Double> pacedLateness = values(latenessById, "paced-");
                List<Double> recurringLateness = values(latenessById, "recurring");

                int stopBacklog = count / 5;
                Instant now = Instant.now().minusSeconds(1);
                create(client, arn, "stop-", stopBacklog, i -> now);
                long stopStart = System.nanoTime();
                emulator.close();
                closed = true;
                double stopSeconds = (System.nanoTime() - stopStart) / 1e9;
                boolean temporary;
                try (var files = Files.list(dataDir)) {
                    temporary = files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
                }
                return new Result(
                        count,
                        createSeconds,
                        fireRate,
                        percentile(burst, 50),
                        percentile(burst, 99),
                        recurringLateness.stream()
                                .map(v -> Math.round(v * 1000) / 1000.0)
                                .toList(),
                        paced,
                        percentile(pacedLateness, 50),
                        percentile(pacedLateness, 99),
                        stopBacklog,
                        stopSeconds,
                        overrun,
                        temporary,
                        duplicates.get());
            } finally {
                if (!closed) {
                    emulator.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            deleteTree(dataDir);
        }
    }

    private interface Times {
        Instant at(int index);
    }

    /** Creates {@code n} one-time schedules from 8 threads, each its own SDK call, as 8 producers would. */
    private static void create(SchedulerClient client, String arn, String prefix, int n, Times times)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = thread; i < n; i += 8) {
                        String name = prefix + i;
                        String at = LocalDateTime.ofInstant(times.at(i), ZoneOffset.UTC)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString();
                        client.createSchedule(r -> r.name(name)
                                .scheduleExpression("at(" + (at.length() == 16 ? at + ":00" : at) + ")")
                                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                                .target(x -> x.arn(arn)
                                        .roleArn(LocalOperations.SCHEDULER_ROLE)
                                        .input("{\"id\":\"" + name + "\",\"at\":\"<aws.scheduler.scheduled-time>\"}")));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("creating schedules failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitCount(Map<String, Double> fired, String prefix, int n, Duration patience)
            throws InterruptedException {
        Instant until = Instant.now().plus(patience);
        while (values(fired, prefix).size() < n) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("only " + values(fired, prefix).size() + " of " + n + " '" + prefix
                        + "' schedules fired within " + patience);
            }
            Thread.sleep(100);
        }
    }

    private static List<Double> values(Map<String, Double> fired, String prefix) {
        List<Double> list = new ArrayList<>();
        fired.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                list.add(v);
            }
        });
        return list;
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static SchedulerClient client(SchedulerEmulator emulator) {
        return SchedulerClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .build();
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory; the OS cleans it eventually.
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
