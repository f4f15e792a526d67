package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.emulator.ElasticMqServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code java -jar sluice-local.jar up} as a user runs it, pointed with {@code --sqs-endpoint} at an SQS
 * emulator started separately: it creates the queues there, runs a webhook job, and on Ctrl-C (SIGINT) finishes
 * the job in flight and acknowledges it before exiting.
 */
class UpCommandIT {

    @Test
    void upRunsJobsAgainstAnExternalSqsAndFinishesInFlightJobsOnShutdown() throws Exception {
        Path jar = Path.of(System.getProperty("sluice.local.jar", "target/sluice-local.jar"));
        assertTrue(Files.exists(jar), "packaged jar at " + jar);
        int sqsPort = LocalHarness.freePort();
        CountDownLatch requestArrived = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/slow", exchange -> {
            requestArrived.countDown();
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (ElasticMqServer sqsServer = ElasticMqServer.start("127.0.0.1", sqsPort, "us-east-1");
                SqsClient sqs = LocalClients.sqs(sqsServer.endpoint(), "us-east-1")) {
            int schedulerPort = LocalHarness.freePort();
            ProcessBuilder pb = new ProcessBuilder(
                    javaBinary(),
                    "-jar",
                    jar.toString(),
                    "up",
                    "--sqs-endpoint",
                    sqsServer.endpoint().toString(),
                    "--dynamodb-port",
                    Integer.toString(LocalHarness.freePort()),
                    "--scheduler-port",
                    Integer.toString(schedulerPort),
                    "--lambda-port",
                    "0",
                    "--api-port",
                    "0",
                    "--cloudwatch-port",
                    "0",
                    "--console-port",
                    "0",
                    "--allow-host",
                    "127.0.0.1:" + receiver.getAddress().getPort());
            pb.environment().put("SLUICE_LOG_LEVEL", "info");
            pb.environment()
                    .put(
                            "SLUICE_STATE_DIR",
                            Files.createTempDirectory("sluice-state").toString());
            Path log = Files.createTempFile("sluice-up", ".log");
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            Process up = pb.start();
            try {
                awaitLine(log, "Press Ctrl-C to stop.", up);
                assertTrue(
                        Files.readAllLines(log).stream().anyMatch(l -> l.contains("SQS       " + sqsServer.endpoint())),
                        Files.readString(log));
                assertTrue(
                        Files.readAllLines(log).stream()
                                .anyMatch(l -> l.contains("Scheduler http://127.0.0.1:" + schedulerPort)),
                        Files.readString(log));

                String queueUrl = sqs.getQueueUrl(r -> r.queueName("sluice-webhook-normal"))
                        .queueUrl();
                String body = JobEnvelope.create(
                                "webhook",
                                Priority.NORMAL,
                                SluiceJson.mapper()
                                        .valueToTree(Map.of(
                                                "url",
                                                "http://127.0.0.1:"
                                                        + receiver.getAddress().getPort() + "/slow")),
                                Instant.now())
                        .toJson();
                sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
                assertTrue(
                        requestArrived.await(60, TimeUnit.SECONDS),
                        "the webhook job started:\n" + Files.readString(log));

                // Ctrl-C while the job is in flight.
                new ProcessBuilder("kill", "-INT", Long.toString(up.pid()))
                        .inheritIO()
                        .start()
                        .waitFor();
                assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up exited after SIGINT");

                String output = Files.readString(log);
                assertTrue(output.contains("stopping; finishing in-flight jobs"), output);
                assertTrue(
                        output.matches("(?s).*job \\S+ succeeded on attempt 1.*"),
                        "the in-flight job finished:\n" + output);
                Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
                assertEquals("0", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                assertEquals(
                        "0",
                        attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                        "acknowledged before exit");
            } finally {
                up.destroyForcibly();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static void awaitLine(Path log, String text, Process process) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                throw new AssertionError("never printed '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
