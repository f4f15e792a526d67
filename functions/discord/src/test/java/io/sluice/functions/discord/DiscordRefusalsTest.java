package io.sluice.functions.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.sluice.functions.secrets.CachingSecretSource;
import io.sluice.functions.secrets.FileSecretSource;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.testing.FixedJobContext;
import io.sluice.job.JobConfig;
import io.sluice.job.JobResult;
import io.sluice.job.RetryableJobFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Two ways a Discord job must not simply trust its first answer, against a real local HTTP server that answers as
 * Discord does: a channel's webhook replaced in the secret while the old URL was still cached (Discord's 404 for the
 * old one retries with the new one instead of dead-lettering the job), and a global rate limit met by one job, which
 * holds back the other jobs of the execution environment instead of letting each earn its own 429.
 */
class DiscordRefusalsTest {
    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/webhooks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            exchange.getRequestBody().readAllBytes();
            if (path.endsWith("/limited-token")) {
                byte[] limited =
                        "{\"message\": \"You are being rate limited.\", \"retry_after\": 30.0, \"global\": true}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(429, limited.length);
                exchange.getResponseBody().write(limited);
                exchange.close();
                return;
            }
            boolean current = path.endsWith("/new-token") || path.endsWith("/other-token");
            byte[] body = (current
                            ? "{\"id\":\"1180000000000000001\"}"
                            : "{\"message\": \"Unknown Webhook\", \"code\": 10015}")
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
    void aGlobalLimitMetByOneJobHoldsBackTheOthersWithoutAnotherRequest() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/223704706495545344/";
        String webhooks = "{\"busy\": \"" + base + "limited-token\", \"quiet\": \"" + base + "other-token\"}";
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        io.sluice.testing.SettableClock clock = new io.sluice.testing.SettableClock(now);
        DiscordJob job = new DiscordJob(
                DiscordWebhooks.from(
                        JobConfig.fromMap(Map.of(DiscordWebhooks.HOSTS_KEY, "127.0.0.1")), name -> webhooks),
                clock);

        io.sluice.job.JobDeferral first = assertThrows(
                io.sluice.job.JobDeferral.class,
                () -> job.handle(
                        new DiscordPayload("busy", "one", List.of(), null),
                        new FixedJobContext("job-1", "discord", 1, now.plusSeconds(30), clock)));
        io.sluice.job.JobDeferral second = assertThrows(
                io.sluice.job.JobDeferral.class,
                () -> job.handle(
                        new DiscordPayload("quiet", "two", List.of(), null),
                        new FixedJobContext("job-2", "discord", 1, now.plusSeconds(30), clock)));

        assertEquals(now.plusSeconds(30), first.runAt(now));
        assertEquals(now.plusSeconds(30), second.runAt(now), "the other channel waits for the global limit too");
        assertEquals(List.of("/api/webhooks/223704706495545344/limited-token"), paths, "the second job sent nothing");

        clock.set(now.plusSeconds(31));
        assertEquals(
                "1180000000000000001",
                job.handle(
                                new DiscordPayload("quiet", "two", List.of(), null),
                                new FixedJobContext("job-2", "discord", 1, now.plusSeconds(60), clock))
                        .summary(),
                "after the limit, it posts");
    }

    @Test
    void aWebhookReplacedSinceItWasCachedIsRetriedWithTheNewOne() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/223704706495545344/";
        // The real cache over the real file source: an earlier job cached the old URL, then the webhook was replaced.
        Path file = Files.createTempFile("secrets", ".json");
        Files.writeString(file, "{\"sluice/discord-webhooks\": {\"alerts\": \"" + base + "old-token\"}}");
        SecretSource rotating =
                new CachingSecretSource(new FileSecretSource(file), Duration.ofMinutes(5), Clock.systemUTC());
        rotating.secret("sluice/discord-webhooks");
        Files.writeString(file, "{\"sluice/discord-webhooks\": {\"alerts\": \"" + base + "new-token\"}}");
        DiscordJob job = new DiscordJob(
                DiscordWebhooks.from(JobConfig.fromMap(Map.of(DiscordWebhooks.HOSTS_KEY, "127.0.0.1")), rotating),
                Clock.systemUTC());
        DiscordPayload payload = new DiscordPayload("alerts", "deploy done", List.of(), null);

        RetryableJobFailure e = assertThrows(
                RetryableJobFailure.class,
                () -> job.handle(
                        payload,
                        new FixedJobContext("job-1", "discord", 1, Instant.now().plusSeconds(30))));
        assertEquals(
                "Discord refused the cached webhook of channel 'alerts', which has since changed in secret sluice/discord-webhooks;"
                        + " retrying with the new one",
                e.getMessage(),
                "no token in the message");
        assertEquals(Duration.ZERO, e.retryAfter().orElseThrow());

        JobResult result = job.handle(
                payload,
                new FixedJobContext("job-1", "discord", 2, Instant.now().plusSeconds(30)));
        assertEquals("1180000000000000001", result.summary());
        assertEquals(
                List.of("/api/webhooks/223704706495545344/old-token", "/api/webhooks/223704706495545344/new-token"),
                paths);
    }
}
