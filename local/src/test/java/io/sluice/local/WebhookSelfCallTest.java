package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.job.Priority;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Webhook jobs aimed at sluice-local itself, through the whole local path (queue, poller, the real webhook handler):
 * one at each port sluice-local and its children listen on (ElasticMQ, moto, the Scheduler, the Lambda and CloudWatch
 * APIs, and two ports {@code up} would give the Jobs API and the console), each as {@code 127.0.0.1}, {@code localhost}
 * and {@code [::1]}, and even with {@code SLUICE_WEBHOOK_ALLOW_HOSTS=loopback} set: every one is dead-lettered as a
 * permanent failure naming the rule, and nothing reached a port. A receiver named with {@code --allow-host} is called;
 * another loopback port, not named, is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookSelfCallTest {
    private HttpServer allowed;
    private HttpServer unnamed;
    private final AtomicInteger allowedCalls = new AtomicInteger();
    private final AtomicInteger unnamedCalls = new AtomicInteger();
    private LocalHarness local;

    @BeforeAll
    void start() throws Exception {
        allowed = receiver(allowedCalls);
        unnamed = receiver(unnamedCalls);
        Map<String, String> config = new HashMap<>();
        // Even an operator who opens all of loopback does not open sluice-local's own ports.
        config.put("SLUICE_WEBHOOK_ALLOW_HOSTS", "loopback");
        local = LocalHarness.start(List.of("webhook"), Map.of(), config, false);
        local.runtime.ownPort(9328);
        local.runtime.ownPort(9330);
        local.runtime.startConsumers();
    }

    @AfterAll
    void stop() {
        local.close();
        allowed.stop(0);
        unnamed.stop(0);
    }

    private static HttpServer receiver(AtomicInteger calls) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aWebhookAimedAtAnyPortOfSluiceLocalIsDeadLetteredNamingTheRule() {
        List<Integer> ports = new ArrayList<>();
        for (URI endpoint : List.of(
                local.runtime.sqsEndpoint(),
                local.runtime.dynamoDbEndpoint(),
                local.runtime.scheduler().endpoint())) {
            ports.add(endpoint.getPort());
        }
        ports.add(9328);
        ports.add(9330);
        List<String> sent = new ArrayList<>();
        for (int port : ports) {
            for (String host : List.of("127.0.0.1", "localhost", "[::1]")) {
                sent.add(local.send(
                        "webhook",
                        Priority.NORMAL,
                        LocalHarness.envelope(
                                "webhook",
                                "self-" + port + "-" + host.replaceAll("[^a-z0-9]", ""),
                                Priority.NORMAL,
                                Map.of(
                                        "url",
                                        "http://" + host + ":" + port + "/types/webhook/pause",
                                        "method",
                                        "POST"))));
            }
        }
        local.awaitFinished(sent, Duration.ofSeconds(60));

        List<Message> dead = local.deadLetters("webhook", Priority.NORMAL);
        assertEquals(sent.size(), dead.size(), "every self-call dead-lettered");
        for (Message m : dead) {
            assertEquals(
                    DeadLetterReason.PERMANENT_FAILURE.wireName(),
                    m.messageAttributes().get(DeadLetterReason.ATTRIBUTE).stringValue());
            String detail =
                    m.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE).stringValue();
            assertTrue(
                    detail.contains("is a port of the runtime running this job (SLUICE_WEBHOOK_REFUSE_PORTS)"), detail);
        }
        assertFalse(local.outcomes().succeeded() > 0, "nothing reached sluice-local's own ports");
    }

    @Test
    void onlyTheReceiverNamedWithAllowHostIsCalledOnLoopback() throws Exception {
        int allowedPort = allowed.getAddress().getPort();
        int unnamedPort = unnamed.getAddress().getPort();
        Map<String, String> config = Map.of("SLUICE_WEBHOOK_ALLOW_HOSTS", "127.0.0.1:" + allowedPort);
        try (LocalHarness named = LocalHarness.start(List.of("webhook"), Map.of(), config, true)) {
            String ok = named.send(
                    "webhook",
                    Priority.HIGH,
                    LocalHarness.envelope(
                            "webhook",
                            "named-1",
                            Priority.HIGH,
                            Map.of("url", "http://127.0.0.1:" + allowedPort + "/hook", "method", "POST")));
            String refused = named.send(
                    "webhook",
                    Priority.HIGH,
                    LocalHarness.envelope(
                            "webhook",
                            "unnamed-1",
                            Priority.HIGH,
                            Map.of("url", "http://127.0.0.1:" + unnamedPort + "/hook", "method", "POST")));
            named.awaitFinished(List.of(ok, refused), Duration.ofSeconds(60));

            assertTrue(named.outcomes().hasSucceeded(ok), "the named receiver was called");
            assertEquals(1, allowedCalls.get());
            assertEquals(0, unnamedCalls.get(), "the unnamed loopback port was never called");
            String detail = named.deadLetters("webhook", Priority.HIGH)
                    .get(0)
                    .messageAttributes()
                    .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                    .stringValue();
            assertTrue(detail.contains("127.0.0.1:" + unnamedPort + " allows this port only"), detail);
        }
    }
}
