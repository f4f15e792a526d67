package io.sluice.functions.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.testing.FixedJobContext;
import io.sluice.job.JobConfig;
import io.sluice.job.JobResult;
import io.sluice.job.RetryableJobFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A channel's webhook replaced in the secret while the old URL was still cached: Discord's 404 for the old one
 * retries with the new one instead of dead-lettering the job. A real local HTTP server answers as Discord does.
 */
class DiscordRotationTest {
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/webhooks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            exchange.getRequestBody().readAllBytes();
            boolean current = path.endsWith("/new-token");
            byte[] body = (current ? "{\"id\":\"1180000000000000001\"}" : "{\"message\": \"Unknown Webhook\", \"code\": 10015}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(current ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aWebhookReplacedSinceItWasCachedIsRetriedWithTheNewOne() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/223704706495545344/";
        String[] cached = {"{\"alerts\": \"" + base + "old-token\"}"};
        SecretSource rotating = new SecretSource() {
            @Override
            public String secret(String name) {
                return cached[0];
            }

            @Override
            public String fresh(String name) {
                cached[0] = "{\"alerts\": \"" + base + "new-token\"}";
                return cached[0];
            }
        };
        DiscordJob job = new DiscordJob(DiscordWebhooks.from(JobConfig.fromMap(Map.of(DiscordWebhooks.HOSTS_KEY, "127.0.0.1")), rotating),
                Clock.systemUTC());
        DiscordPayload payload = new DiscordPayload("alerts", "deploy done", List.of(), null);

        RetryableJobFailure e = assertThrows(RetryableJobFailure.class,
                () -> job.handle(payload, new FixedJobContext("job-1", "discord", 1, Instant.now().plusSeconds(30))));
        assertEquals("Discord refused the cached webhook of channel 'alerts', which has since changed in secret sluice/discord-webhooks;"
                + " retrying with the new one", e.getMessage(), "no token in the message");
        assertEquals(Duration.ZERO, e.retryAfter().orElseThrow());

        JobResult result = job.handle(payload, new FixedJobContext("job-1", "discord", 2, Instant.now().plusSeconds(30)));
        assertEquals("1180000000000000001", result.summary());
        assertEquals(List.of("/api/webhooks/223704706495545344/old-token", "/api/webhooks/223704706495545344/new-token"), paths);
    }
}
