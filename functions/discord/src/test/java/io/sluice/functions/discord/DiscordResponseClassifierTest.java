package io.sluice.functions.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.JobDeferral;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Discord's answers, with bodies and headers as Discord's documentation shows them. */
class DiscordResponseClassifierTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final DiscordResponseClassifier classifier = new DiscordResponseClassifier(CLOCK);

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(
                values.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (a, b) -> true);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void successReturnsTheCreatedMessagesId() throws Exception {
        JobResult result = classifier.classify(
                "alerts",
                200,
                headers(Map.of()),
                json(
                        "{\"id\":\"1177299436612575232\",\"type\":0,\"content\":\"hi\",\"channel_id\":\"199737254929760256\",\"webhook_id\":\"223704706495545344\"}"));

        assertEquals(JobResult.of("1177299436612575232"), result);
    }

    @Test
    void successWithoutABodySaysTheStatus() throws Exception {
        assertEquals(JobResult.of("HTTP 204"), classifier.classify("alerts", 204, headers(Map.of()), new byte[0]));
    }

    @Test
    void a429DefersForTheBodysRetryAfterInSeconds() {
        JobDeferral deferral = assertThrows(
                JobDeferral.class,
                () -> classifier.classify(
                        "alerts",
                        429,
                        headers(Map.of("Retry-After", "65", "X-RateLimit-Scope", "user")),
                        json(
                                "{\"message\": \"You are being rate limited.\", \"retry_after\": 64.57, \"global\": false}")));

        assertEquals(
                Optional.of(Duration.ofMillis(64570)),
                deferral.delay(),
                "the precise body value wins over the rounded header");
        assertEquals(
                "Discord rate limit (user) for channel 'alerts': You are being rate limited.; retry after 64.57 s",
                deferral.getMessage());
    }

    @Test
    void aGlobalLimitDefersTooAndSaysSo() {
        JobDeferral byBody = assertThrows(
                JobDeferral.class,
                () -> classifier.classify(
                        "alerts",
                        429,
                        headers(Map.of()),
                        json(
                                "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.0005, \"global\": true}")));
        JobDeferral byHeader = assertThrows(
                JobDeferral.class,
                () -> classifier.classify(
                        "alerts", 429, headers(Map.of("X-RateLimit-Global", "true", "Retry-After", "3")), new byte[0]));

        assertEquals(Optional.of(Duration.ofMillis(1)), byBody.delay(), "rounded up, never to zero");
        assertEquals(
                "Discord global rate limit for channel 'alerts': You are being rate limited.; retry after 0.001 s",
                byBody.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(3)), byHeader.delay());
        assertEquals("Discord global rate limit for channel 'alerts'; retry after 3.0 s", byHeader.getMessage());
    }

    @Test
    void a429WithoutJsonFallsBackToTheHeadersThenToARetryAfterTheBackoff() {
        JobDeferral resetAfter = assertThrows(
                JobDeferral.class,
                () -> classifier.classify(
                        "alerts",
                        429,
                        headers(Map.of("X-RateLimit-Reset-After", "1.25")),
                        json("<html>Cloudflare</html>")));
        RetryableJobFailure nothing = assertThrows(
                RetryableJobFailure.class, () -> classifier.classify("alerts", 429, headers(Map.of()), new byte[0]));

        assertEquals(Optional.of(Duration.ofMillis(1250)), resetAfter.delay());
        assertEquals(Optional.empty(), nothing.retryAfter());
        assertEquals("Discord rate limit for channel 'alerts'; retry after the backoff", nothing.getMessage());
    }

    @Test
    void serverErrorsRetryHonouringRetryAfter() {
        RetryableJobFailure plain = assertThrows(
                RetryableJobFailure.class,
                () -> classifier.classify(
                        "alerts",
                        500,
                        headers(Map.of()),
                        json("{\"message\": \"500: Internal Server Error\", \"code\": 0}")));
        RetryableJobFailure later = assertThrows(
                RetryableJobFailure.class,
                () -> classifier.classify(
                        "alerts", 503, headers(Map.of("Retry-After", "Mon, 23 Nov 2026 10:00:30 GMT")), new byte[0]));

        assertEquals("HTTP 500 from Discord for channel 'alerts': 500: Internal Server Error", plain.getMessage());
        assertEquals(Optional.empty(), plain.retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(30)), later.retryAfter());
    }

    @Test
    void aBadRequestIsPermanentWithDiscordsMessageAndFieldErrors() {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> classifier.classify(
                        "alerts",
                        400,
                        headers(Map.of()),
                        json(
                                "{\"code\": 50035, \"errors\": {\"embeds\": {\"0\": {\"description\": {\"_errors\": [{\"code\": \"BASE_TYPE_MAX_LENGTH\", "
                                        + "\"message\": \"Must be 4096 or fewer in length.\"}]}}}, \"content\": {\"_errors\": [{\"code\": \"BASE_TYPE_MAX_LENGTH\", "
                                        + "\"message\": \"Must be 2000 or fewer in length.\"}]}}, \"message\": \"Invalid Form Body\"}")));

        assertEquals(
                "HTTP 400 from Discord for channel 'alerts': Invalid Form Body (code 50035): "
                        + "embeds.0.description: Must be 4096 or fewer in length.; content: Must be 2000 or fewer in length.",
                failure.getMessage());
    }

    @Test
    void anUnknownWebhookIsPermanentAndSaysToFixTheSecret() {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> classifier.classify(
                        "alerts", 404, headers(Map.of()), json("{\"message\": \"Unknown Webhook\", \"code\": 10015}")));

        assertEquals(
                "HTTP 404 from Discord for channel 'alerts': Unknown Webhook (code 10015); the webhook was deleted or its URL is wrong: "
                        + "update the channel's entry in the webhooks secret",
                failure.getMessage());
    }

    @Test
    void redirectsArePermanent() {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> classifier.classify(
                        "alerts", 301, headers(Map.of("Location", "https://elsewhere.example/")), new byte[0]));

        assertEquals("HTTP 301 from Discord for channel 'alerts'; redirects are not followed", failure.getMessage());
    }

    @Test
    void discordsTextIsKeptToOneBoundedLine() {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> classifier.classify(
                        "alerts",
                        403,
                        headers(Map.of()),
                        json("{\"message\": \"Missing\\nAccess " + "x".repeat(400) + "\", \"code\": 50001}")));

        assertEquals(-1, failure.getMessage().indexOf('\n'));
        assertEquals(true, failure.getMessage().length() < 400, failure.getMessage());
    }
}
