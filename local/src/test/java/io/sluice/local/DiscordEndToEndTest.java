package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.local.standin.DiscordStandIn;
import io.sluice.local.standin.DiscordStandIn.Answer;
import io.sluice.store.AttemptRecord;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The {@code discord} job end to end: sluice-local (ElasticMQ, moto, the event-source-mapping
 * emulator and the real Lambda entry point) posting to {@link DiscordStandIn}, a local server speaking
 * Discord's Execute Webhook wire format, with the webhook URLs in sluice-local's secrets file, as
 * Secrets Manager would hold them on AWS. Each test uses its own channel, so its own webhook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordEndToEndTest {
    /** Channel name to webhook id; each webhook gets a distinct token. */
    private static final Map<String, String> CHANNELS = new LinkedHashMap<>();

    static {
        List<String> names = List.of("ok", "limited", "global", "flaky", "broken", "gone", "private");
        for (int i = 0; i < names.size(); i++) {
            CHANNELS.put(names.get(i), Long.toString(223704706495545344L + i));
        }
    }

    private DiscordStandIn discord;
    private LocalHarness local;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        discord = new DiscordStandIn();
        ObjectNode webhooks = SluiceJson.mapper().createObjectNode();
        for (Map.Entry<String, String> channel : CHANNELS.entrySet()) {
            String token = "tok-" + channel.getKey() + "-"
                    + UUID.randomUUID().toString().replace("-", "");
            tokens.put(channel.getKey(), token);
            webhooks.put(channel.getKey(), discord.webhook(channel.getValue(), token));
        }
        // "gone" points at a webhook id the stand-in does not know: Discord's 404 Unknown Webhook.
        webhooks.put(
                "gone",
                webhooks.get("gone")
                        .asText()
                        .replace("/" + CHANNELS.get("gone") + "/", "/9" + CHANNELS.get("gone") + "/"));
        Path secrets = dir.resolve("secrets.json");
        Files.writeString(
                secrets,
                SluiceJson.mapper()
                        .createObjectNode()
                        .set("sluice/discord-webhooks", webhooks)
                        .toString());
        local = LocalHarness.start(
                List.of("discord"),
                Map.of(
                        "discord.maxAttempts",
                        "3",
                        "discord.backoff.initial",
                        "PT1S",
                        "discord.backoff.max",
                        "PT1S",
                        "discord.backoff.jitter",
                        "NONE"),
                Map.of("SLUICE_SECRETS_FILE", secrets.toString(), "SLUICE_DISCORD_HOSTS", "127.0.0.1"),
                true);
    }

    @AfterAll
    void stop() {
        if (local != null) {
            local.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    private String send(String jobId, Map<String, Object> payload) {
        return local.send("discord", Priority.NORMAL, envelope("discord", jobId, Priority.NORMAL, payload));
    }

    private JobRecord awaitHistory(String jobId, JobState state) {
        LocalHarness.await(
                () -> local.runtime
                        .jobStore()
                        .get(jobId)
                        .map(r -> r.state() == state)
                        .orElse(false),
                Duration.ofSeconds(30),
                () -> "history of " + jobId + " is "
                        + local.runtime
                                .jobStore()
                                .get(jobId)
                                .map(JobRecord::state)
                                .orElse(null));
        return local.runtime.jobStore().get(jobId).orElseThrow();
    }

    @Test
    void postsTheMessageAndRecordsDiscordsMessageIdAsTheResult() {
        String jobId = "post-" + UUID.randomUUID();
        String id = send(
                jobId,
                Map.of(
                        "channel",
                        "ok",
                        "content",
                        "Deploy finished",
                        "username",
                        "Deploy bot",
                        "embeds",
                        List.of(Map.of(
                                "title",
                                "Run 42",
                                "color",
                                3066993,
                                "fields",
                                List.of(Map.of("name", "Took", "value", "4 min", "inline", true))))));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        List<DiscordStandIn.Request> requests = discord.requestsTo(CHANNELS.get("ok"));
        assertEquals(1, requests.size());
        DiscordStandIn.Request request = requests.get(0);
        assertEquals("wait=true", request.query());
        assertEquals("application/json", request.contentType());
        assertTrue(request.userAgent().startsWith("DiscordBot ("), request.userAgent());
        assertEquals(
                "{\"content\":\"Deploy finished\",\"embeds\":[{\"title\":\"Run 42\",\"color\":3066993,\"fields\":[{\"name\":\"Took\","
                        + "\"value\":\"4 min\",\"inline\":true}]}],\"username\":\"Deploy bot\",\"allowed_mentions\":{\"parse\":[]}}",
                request.body().toString(),
                "no channel, nothing absent, no mention parsed");
        JobRecord record = awaitHistory(jobId, JobState.SUCCEEDED);
        assertNotNull(discord.lastMessageId(CHANNELS.get("ok")));
        assertEquals(discord.lastMessageId(CHANNELS.get("ok")), record.result(), "the result is Discord's message id");
    }

    @Test
    void a429DefersTheJobToDiscordsRetryAfterWithoutSpendingAnAttemptAndItThenPostsOnce() {
        discord.script(CHANNELS.get("limited"), Answer.rateLimited(3.5, false));
        String jobId = "limited-" + UUID.randomUUID();
        send(jobId, Map.of("channel", "limited", "content", "hello"));

        // While it waits, history says when it will run: Discord's 3.5 s after the refused attempt, not the 1 s
        // backoff.
        JobRecord waiting = awaitHistory(jobId, JobState.DEFERRED);
        Duration until = Duration.between(waiting.attempts().get(0).endedAt(), waiting.runAt());
        assertTrue(
                until.compareTo(Duration.ofMillis(3500)) >= 0,
                "runAt follows retry_after, was " + until + " after the attempt");
        JobRecord record = awaitHistory(jobId, JobState.SUCCEEDED);

        List<DiscordStandIn.Request> requests = discord.requestsTo(CHANNELS.get("limited"));
        assertEquals(2, requests.size(), "the refused request, then exactly one more");
        Duration gap = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(gap.compareTo(Duration.ofMillis(3500)) >= 0, "not posted again before retry_after, was " + gap);
        assertEquals(
                List.of("deferred", "succeeded"),
                record.attempts().stream().map(AttemptRecord::outcome).toList(),
                "the 429 deferred the job without spending an attempt");
        assertEquals(
                "Discord rate limit (user) for channel 'limited': You are being rate limited.; retry after 3.5 s",
                record.attempts().get(0).error());
        assertEquals(0, local.outcomes().duplicateTerminals());
    }

    @Test
    void aGlobalRateLimitDefersToo() {
        discord.script(CHANNELS.get("global"), Answer.rateLimited(2.25, true));
        String jobId = "global-" + UUID.randomUUID();
        send(jobId, Map.of("channel", "global", "content", "hello"));

        JobRecord record = awaitHistory(jobId, JobState.SUCCEEDED);

        List<DiscordStandIn.Request> requests = discord.requestsTo(CHANNELS.get("global"));
        assertEquals(2, requests.size());
        assertTrue(
                Duration.between(requests.get(0).at(), requests.get(1).at()).compareTo(Duration.ofMillis(2250)) >= 0);
        assertEquals(
                List.of("deferred", "succeeded"),
                record.attempts().stream().map(AttemptRecord::outcome).toList());
        assertEquals(
                "Discord global rate limit for channel 'global': You are being rate limited.; retry after 2.25 s",
                record.attempts().get(0).error());
    }

    @Test
    void aServerErrorIsRetried() {
        discord.script(CHANNELS.get("flaky"), Answer.error(502, "502: Bad Gateway", 0));
        String jobId = "flaky-" + UUID.randomUUID();
        String id = send(jobId, Map.of("channel", "flaky", "content", "hello"));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        assertEquals(2, discord.requestsTo(CHANNELS.get("flaky")).size());
        assertEquals(
                "HTTP 502 from Discord for channel 'flaky': 502: Bad Gateway",
                awaitHistory(jobId, JobState.SUCCEEDED).attempts().get(0).error());
    }

    @Test
    void aRefusedMessageIsDeadLetteredAtOnceWithDiscordsMessage() {
        discord.script(
                CHANNELS.get("broken"),
                new Answer(
                        400,
                        Map.of(),
                        "{\"code\": 50035, \"errors\": {\"embeds\": {\"0\": {\"url\": {\"_errors\": "
                                + "[{\"code\": \"URL_TYPE_INVALID_URL\", \"message\": \"Not a well formed URL.\"}]}}}}, \"message\": \"Invalid Form Body\"}"));
        String jobId = "broken-" + UUID.randomUUID();
        String id = send(
                jobId,
                Map.of(
                        "channel",
                        "broken",
                        "embeds",
                        List.of(Map.of("title", "x", "url", "https://intranet/changelog"))));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.PERMANENT_FAILURE, local.outcomes().deadLetterReason(id));
        assertEquals(1, discord.requestsTo(CHANNELS.get("broken")).size(), "no retry");
        String expected =
                "HTTP 400 from Discord for channel 'broken': Invalid Form Body (code 50035): embeds.0.url: Not a well formed URL.";
        assertEquals(
                expected,
                deadLetter(jobId)
                        .messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());
        JobRecord record = awaitHistory(jobId, JobState.DEAD_LETTERED);
        assertEquals("permanent-failure", record.deadLetterReason());
        assertEquals(expected, record.deadLetterDetail());
    }

    @Test
    void aDeletedWebhookIsDeadLetteredSayingToFixTheSecret() {
        String jobId = "gone-" + UUID.randomUUID();
        String id = send(jobId, Map.of("channel", "gone", "content", "hello"));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.PERMANENT_FAILURE, local.outcomes().deadLetterReason(id));
        assertEquals(
                "HTTP 404 from Discord for channel 'gone': Unknown Webhook (code 10015); the webhook was deleted or its URL is wrong: "
                        + "update the channel's entry in the webhooks secret",
                awaitHistory(jobId, JobState.DEAD_LETTERED).deadLetterDetail());
    }

    @Test
    void invalidPayloadsAndUnknownChannelsAreRefusedWithTheReasonAndNeverPosted() {
        String tooLong = "long-" + UUID.randomUUID();
        String unknown = "unknown-" + UUID.randomUUID();
        int before = discord.requests().size();
        String tooLongId = send(tooLong, Map.of("channel", "ok", "content", "x".repeat(2001)));
        String unknownId = send(unknown, Map.of("channel", "nope", "content", "hello"));

        local.awaitFinished(List.of(tooLongId, unknownId), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.INVALID_PAYLOAD, local.outcomes().deadLetterReason(tooLongId));
        assertEquals(
                "content: at most 2000 characters, was 2001",
                deadLetter(tooLong)
                        .messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());
        assertEquals(DeadLetterReason.PERMANENT_FAILURE, local.outcomes().deadLetterReason(unknownId));
        assertEquals(
                "channel 'nope' is not configured in secret 'sluice/discord-webhooks'; configured channels: broken, flaky, global, gone, "
                        + "limited, ok, private",
                deadLetter(unknown)
                        .messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());
        assertEquals(before, discord.requests().size(), "nothing reached Discord");
    }

    @Test
    void webhookTokensAppearInNoLogLineHistoryRecordOrDeadLetter() {
        discord.script(
                CHANNELS.get("private"),
                Answer.rateLimited(1.0, false),
                Answer.error(500, "500: Internal Server Error", 0));
        List<String> jobIds = List.of(
                "private-1-" + UUID.randomUUID(), "private-2-" + UUID.randomUUID(), "private-3-" + UUID.randomUUID());
        String logs;
        try (LogCapture capture = LogCapture.start()) {
            send(jobIds.get(0), Map.of("channel", "private", "content", "one"));
            send(jobIds.get(1), Map.of("channel", "gone", "content", "two"));
            send(jobIds.get(2), Map.of("channel", "private", "embeds", List.of(Map.of("title", "three"))));
            awaitHistory(jobIds.get(0), JobState.SUCCEEDED);
            awaitHistory(jobIds.get(1), JobState.DEAD_LETTERED);
            awaitHistory(jobIds.get(2), JobState.SUCCEEDED);
            logs = capture.text();
        }

        assertTrue(logs.contains("Discord answered"), "the capture saw the job's own log lines:\n" + logs);
        assertTrue(
                logs.contains("retrying") && logs.contains("deferred"),
                "and the runtime's retry and deferral lines:\n" + logs);
        String history = HistoryDump.of(local.runtime);
        assertTrue(history.contains("Unknown Webhook"), "the dump holds the run's records");
        String deadLetters = local.deadLetters("discord", Priority.NORMAL).stream()
                .map(m -> m.body() + " " + m.messageAttributes())
                .reduce("", String::concat);
        assertFalse(deadLetters.isEmpty(), "the scan looks into the run's dead letters");
        for (String token : tokens.values()) {
            assertFalse(logs.contains(token), "a log line holds a webhook token:\n" + logs);
            assertFalse(history.contains(token), "history holds a webhook token");
            assertFalse(deadLetters.contains(token), "a dead letter holds a webhook token");
        }
        assertFalse(logs.contains("/api/webhooks/"), "no webhook URL in the logs");
    }

    private Message deadLetter(String jobId) {
        LocalHarness.await(
                () -> local.deadLetters("discord", Priority.NORMAL).stream()
                        .anyMatch(m -> m.body().contains(jobId)),
                Duration.ofSeconds(30),
                () -> jobId + " in the DLQ");
        return local.deadLetters("discord", Priority.NORMAL).stream()
                .filter(m -> m.body().contains(jobId))
                .findFirst()
                .orElseThrow();
    }
}
