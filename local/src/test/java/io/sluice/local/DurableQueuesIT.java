package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.catalogue.Catalogue;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.ops.JobView;
import io.sluice.ops.OperationException;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import io.sluice.store.JobState;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code up --data-dir D} killed with SIGKILL while it holds queued, delayed, in-flight and dead-lettered webhook
 * jobs, then started again with the same flags: every job is accounted for. The queued, delayed and in-flight ones
 * run once the restarted instance gets to them (the in-flight one after its visibility and claim lapse) and end
 * {@code succeeded}; the dead letters are still in the dead-letter queue, and history says so too.
 */
class DurableQueuesIT {
    private static final int DEAD = 3;
    private static final int QUEUED = 5;
    private static final int DELAYED = 4;

    @Test
    void queuedDelayedInFlightAndDeadLetteredJobsSurviveKillNine() throws Exception {
        Path jar = Path.of(System.getProperty("sluice.local.jar", "target/sluice-local.jar"));
        assertTrue(Files.exists(jar), "packaged jar at " + jar);
        Path dataDir = Files.createTempDirectory("sluice-durable");
        Path stateDir = Files.createTempDirectory("sluice-state");

        Set<String> delivered = ConcurrentHashMap.newKeySet();
        AtomicBoolean hang = new AtomicBoolean(true);
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext("/ok", exchange -> {
            delivered.add(exchange.getRequestHeaders().getFirst("Sluice-Job-Id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            if (hang.get()) {
                hanging.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                delivered.add(exchange.getRequestHeaders().getFirst("Sluice-Job-Id"));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(410, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();

        int sqsPort = LocalHarness.freePort();
        int dynamoDbPort = LocalHarness.freePort();
        int schedulerPort = LocalHarness.freePort();
        int lambdaPort = LocalHarness.freePort();
        int cloudWatchPort = LocalHarness.freePort();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "up",
                "--no-console",
                "--data-dir",
                dataDir.toString(),
                "--sqs-port",
                Integer.toString(sqsPort),
                "--dynamodb-port",
                Integer.toString(dynamoDbPort),
                "--scheduler-port",
                Integer.toString(schedulerPort),
                "--lambda-port",
                Integer.toString(lambdaPort),
                "--cloudwatch-port",
                Integer.toString(cloudWatchPort),
                "--api-port",
                "0",
                "--allow-host",
                "127.0.0.1:" + receiver.getAddress().getPort(),
                // A short timeout gives a short visibility timeout (6 x) and claim, so the job in flight at the
                // kill runs again within a test's patience.
                "--set",
                "webhook.timeout=PT5S");
        URI sqs = URI.create("http://127.0.0.1:" + sqsPort);
        Catalogue catalogue = packagedCatalogue(jar);

        List<String> ok = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        String inFlight;
        Process first = start(command, stateDir, "first");
        try (OperationsClients clients = clients(sqsPort, dynamoDbPort, schedulerPort, lambdaPort, cloudWatchPort)) {
            awaitLine(first, "Press Ctrl-C to stop.");
            SluiceOperations ops = ops(catalogue, clients);
            String queueUrl = clients.sqs()
                    .getQueueUrl(r -> r.queueName("sluice-webhook-normal"))
                    .queueUrl();

            for (int i = 0; i < DEAD; i++) {
                dead.add(send(clients, queueUrl, base + "/gone", 0));
            }
            await(
                    "dead letters recorded",
                    () -> dead.stream()
                            .allMatch(
                                    id -> "dead-letter-queue".equals(ops.job(id).location())));

            inFlight = send(clients, queueUrl, base + "/slow", 0);
            assertTrue(hanging.await(60, TimeUnit.SECONDS), "the in-flight job reached its receiver");

            // Paused, the pollers leave what follows waiting in the queue (the pause itself is not kept).
            ops.pause("webhook", Priority.NORMAL);
            for (int i = 0; i < QUEUED; i++) {
                ok.add(send(clients, queueUrl, base + "/ok", 0));
            }
            for (int i = 0; i < DELAYED; i++) {
                ok.add(send(clients, queueUrl, base + "/ok", 20));
            }
            assertEquals(JobState.RUNNING, ops.job(inFlight).history().state(), "running at the kill");
        } finally {
            first.destroyForcibly(); // SIGKILL
            first.waitFor(30, TimeUnit.SECONDS);
        }
        hang.set(false);
        release.countDown();
        assertTrue(delivered.isEmpty(), "nothing ran before the kill but the hanging job: " + delivered);

        Process second = start(command, stateDir, "second");
        try (OperationsClients clients = clients(sqsPort, dynamoDbPort, schedulerPort, lambdaPort, cloudWatchPort)) {
            awaitLine(second, "Press Ctrl-C to stop.");
            SluiceOperations ops = ops(catalogue, clients);
            List<String> all = new ArrayList<>(ok);
            all.add(inFlight);
            await(
                    "every queued, delayed and in-flight job succeeded",
                    () -> all.stream().allMatch(id -> state(ops, id) == JobState.SUCCEEDED));
            assertEquals(Set.copyOf(all), Set.copyOf(delivered), "each reached its receiver after the restart");
            for (String id : dead) {
                JobView view = ops.job(id);
                assertEquals("dead-letter-queue", view.location(), id);
                assertEquals(JobState.DEAD_LETTERED, view.history().state(), id);
            }
        } finally {
            second.destroy(); // SIGTERM
            second.waitFor(60, TimeUnit.SECONDS);
            second.destroyForcibly();
            receiver.stop(0);
        }
    }

    /**
     * The catalogue the packaged jar runs with, read from its {@code lib/} alone: on failsafe's class path the job
     * modules appear twice (classes and jar), which the catalogue rightly refuses as a type declared twice.
     */
    private static Catalogue packagedCatalogue(Path jar) throws Exception {
        List<URL> jars = new ArrayList<>();
        try (var files = Files.list(jar.toAbsolutePath().getParent().resolve("lib"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().startsWith("sluice-")) {
                    jars.add(p.toUri().toURL());
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), null)) {
            return Catalogue.load(loader);
        }
    }

    /** The job's state in history, {@code null} while it has none (it waits in its queue, not yet started). */
    private static JobState state(SluiceOperations ops, String id) {
        try {
            JobView view = ops.job(id);
            return view.history() == null ? null : view.history().state();
        } catch (OperationException notYet) {
            return null;
        }
    }

    private static String send(OperationsClients clients, String queueUrl, String url, int delaySeconds) {
        JobEnvelope envelope = JobEnvelope.create(
                "webhook", Priority.NORMAL, SluiceJson.mapper().valueToTree(Map.of("url", url)), Instant.now());
        clients.sqs()
                .sendMessage(
                        r -> r.queueUrl(queueUrl).messageBody(envelope.toJson()).delaySeconds(delaySeconds));
        return envelope.jobId();
    }

    private static SluiceOperations ops(Catalogue catalogue, OperationsClients clients) {
        return SluiceOperations.builder()
                .app("sluice")
                .catalogue(catalogue)
                .clients(clients)
                .schedulerRoleArn(LocalOperations.SCHEDULER_ROLE)
                .build();
    }

    private static OperationsClients clients(int sqs, int dynamoDb, int scheduler, int lambda, int cloudWatch) {
        return LocalOperations.clients(
                local(sqs), local(dynamoDb), local(scheduler), local(lambda), local(cloudWatch), "us-east-1");
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static final Map<Process, Path> LOGS = new ConcurrentHashMap<>();

    private static Process start(List<String> command, Path stateDir, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SLUICE_LOG_LEVEL", "info");
        pb.environment().put("SLUICE_STATE_DIR", stateDir.toString());
        Path log = Files.createTempFile("sluice-durable-" + name, ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        LOGS.put(process, log);
        return process;
    }

    private static void awaitLine(Process process, String text) throws Exception {
        Path log = LOGS.get(process);
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("never printed '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(180));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("timed out waiting until " + what + "; logs: " + LOGS.values());
            }
            Thread.sleep(250);
        }
    }
}
