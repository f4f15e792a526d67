package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.functions.testing.FixedJobContext;
import io.sluice.job.JobConfig;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook job end to end against a real HTTP receiver on 127.0.0.1. */
class WebhookJobTest {
    private static final String SECRET = "whsec_do-not-leak-7f3a";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final FixedJobContext CONTEXT = until(NOW.plusSeconds(30));

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static WebhookJob job(Map<String, String> extraConfig) {
        Map<String, String> config =
                new HashMap<>(Map.of(WebhookSignature.SECRET_KEY, SECRET, HostAllowList.CONFIG_KEY, "loopback"));
        config.putAll(extraConfig);
        return new WebhookJob(JobConfig.fromMap(config), CLOCK, HostResolver.system());
    }

    private static WebhookJob job() {
        return job(Map.of());
    }

    private static JsonNode json(String text) throws Exception {
        return SluiceJson.mapper().readTree(text);
    }

    /** The receiver's side of the recipe in docs/webhook.md, written independently of WebhookSignature. */
    private static String expectedSignature(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Attempt 1 of job {@code job-1}, due at {@code deadline}. */
    private static FixedJobContext until(Instant deadline) {
        return new FixedJobContext("job-1", "webhook", 1, deadline, CLOCK);
    }

    @Test
    void deliversSignedPostThatTheReceiverVerifiesWithTheDocumentedRecipe() throws Exception {
        JobResult result = job().handle(
                        WebhookPayload.post(receiver.url("/hooks/order"), json("{\"orderId\":\"o-42\"}")), CONTEXT);

        assertEquals("HTTP 200", result.summary());
        Receiver.Request request = receiver.onlyRequest();
        assertEquals(Long.toString(NOW.getEpochSecond()), request.header("Sluice-Timestamp"));
        assertEquals(
                expectedSignature(SECRET, request.header("Sluice-Timestamp"), request.body()),
                request.header("Sluice-Signature"));
        assertTrue(WebhookSignature.verify(
                SECRET,
                request.header("Sluice-Timestamp"),
                request.header("Sluice-Signature"),
                request.body(),
                NOW.plusSeconds(2),
                WebhookSignature.DEFAULT_TOLERANCE));
    }

    @Test
    void sendsTheMethodHeadersAndBodyOfThePayload() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Tenant", "acme");
        headers.put("Authorization", "Bearer t0ken");
        WebhookPayload payload = new WebhookPayload(
                receiver.url("/hooks/order?attempt=yes"),
                "PUT",
                headers,
                json("{\"orderId\":\"o-42\",\"lines\":[1,2],\"note\":\"caf\u00e9\"}"));

        job().handle(payload, new FixedJobContext("job-7", "webhook", 3, NOW.plusSeconds(30), CLOCK));

        Receiver.Request request = receiver.onlyRequest();
        assertEquals("PUT", request.method());
        assertEquals("/hooks/order?attempt=yes", request.pathAndQuery());
        assertEquals("acme", request.header("X-Tenant"));
        assertEquals("Bearer t0ken", request.header("Authorization"));
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("sluice-webhook/1", request.header("User-Agent"));
        assertEquals("job-7", request.header("Sluice-Job-Id"));
        assertEquals("3", request.header("Sluice-Attempt"));
        assertEquals(payload.body(), SluiceJson.mapper().readTree(request.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void sendsEachMethodWithItsBody(String method) throws Exception {
        job().handle(new WebhookPayload(receiver.url("/x"), method, Map.of(), json("{\"a\":1}")), CONTEXT);

        assertEquals(method, receiver.onlyRequest().method());
        assertArrayEquals(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                receiver.onlyRequest().body());
    }

    @Test
    void sendsGetWithoutBodyOrContentType() throws Exception {
        job().handle(new WebhookPayload(receiver.url("/status"), "GET", Map.of(), null), CONTEXT);

        Receiver.Request request = receiver.onlyRequest();
        assertEquals("GET", request.method());
        assertEquals(0, request.body().length);
        assertNull(request.header("Content-Type"));
        assertEquals(
                expectedSignature(SECRET, request.header("Sluice-Timestamp"), new byte[0]),
                request.header("Sluice-Signature"));
    }

    @Test
    void letsThePayloadReplaceContentTypeAndUserAgent() throws Exception {
        Map<String, String> headers =
                Map.of("content-type", "application/cloudevents+json", "User-Agent", "acme-bridge/2");

        job().handle(new WebhookPayload(receiver.url("/ce"), "POST", headers, json("{}")), CONTEXT);

        assertEquals(
                List.of("application/cloudevents+json"),
                receiver.onlyRequest().headers().get("Content-Type"));
        assertEquals(List.of("acme-bridge/2"), receiver.onlyRequest().headers().get("User-Agent"));
    }

    @Test
    void sendsUnsignedWhenNoSecretIsConfigured() throws Exception {
        WebhookJob unsigned = new WebhookJob(
                JobConfig.fromMap(Map.of(HostAllowList.CONFIG_KEY, "loopback")), CLOCK, HostResolver.system());

        JobResult result = unsigned.handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT);

        assertEquals("HTTP 200", result.summary());
        assertNull(receiver.onlyRequest().header("Sluice-Signature"));
        assertEquals(Long.toString(NOW.getEpochSecond()), receiver.onlyRequest().header("Sluice-Timestamp"));
    }

    @Test
    void succeedsWith204NoContent() throws Exception {
        receiver.answering(204);

        assertEquals(
                "HTTP 204",
                job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT)
                        .summary());
    }

    @Test
    void deadLettersA301WithoutFollowingTheRedirect() throws Exception {
        receiver.answering(301, Map.of("Location", receiver.url("/elsewhere")));

        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/moved"), json("{}")), CONTEXT));

        assertEquals(
                "HTTP 301 from 127.0.0.1; redirects are not followed, enqueue the final URL", failure.getMessage());
        assertEquals("/moved", receiver.onlyRequest().pathAndQuery());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404})
    void deadLettersClientErrors(int status) throws Exception {
        receiver.answering(status);

        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT));

        assertEquals("HTTP " + status + " from 127.0.0.1", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 503})
    void retriesBusyOrBrokenReceiversWithTheBackoffWhenTheyNameNoDelay(int status) throws Exception {
        receiver.answering(status);

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT));

        assertEquals("HTTP " + status + " from 127.0.0.1", failure.getMessage());
        assertEquals(Optional.empty(), failure.retryAfter());
    }

    @Test
    void retriesWith429AndRetryAfterSeconds() throws Exception {
        receiver.answering(429, Map.of("Retry-After", "120"));

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT));

        assertEquals(Optional.of(Duration.ofSeconds(120)), failure.retryAfter());
    }

    @Test
    void retriesWith429AndRetryAfterHttpDateMeasuredFromTheClock() throws Exception {
        String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
        receiver.answering(429, Map.of("Retry-After", date));

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT));

        assertEquals(Optional.of(Duration.ofSeconds(90)), failure.retryAfter());
    }

    @Test
    void retriesWith503AndRetryAfter() throws Exception {
        receiver.answering(503, Map.of("Retry-After", "30"));

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT));

        assertEquals("HTTP 503 from 127.0.0.1", failure.getMessage());
        assertEquals(Optional.of(Duration.ofSeconds(30)), failure.retryAfter());
    }

    @Test
    void retriesWhenTheConnectionIsRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post("http://127.0.0.1:" + closedPort + "/x", json("{}")), CONTEXT));

        assertEquals("could not connect to 127.0.0.1", failure.getMessage());
    }

    @Test
    void retriesWhenTheReceiverDoesNotAnswerWithinTheReadTimeout() throws Exception {
        receiver.hanging();

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job(Map.of(WebhookTimeouts.READ_KEY, "PT0.5S"))
                        .handle(WebhookPayload.post(receiver.url("/slow"), json("{}")), CONTEXT));

        assertEquals("no response from 127.0.0.1 within PT0.5S", failure.getMessage());
    }

    @Test
    void cutsTheReadTimeoutToTheAttemptDeadline() throws Exception {
        receiver.hanging();
        FixedJobContext almostDue = until(NOW.plusMillis(400));

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/slow"), json("{}")), almostDue));

        // The configured read timeout is PT20S; the deadline leaves 0.4 seconds.
        assertEquals("no response from 127.0.0.1 within PT0.4S", failure.getMessage());
    }

    @Test
    void retriesWithoutSendingWhenTheDeadlineHasPassed() throws Exception {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job().handle(WebhookPayload.post(receiver.url("/x"), json("{}")), until(NOW)));

        assertEquals("no time left before the attempt's deadline to call 127.0.0.1", failure.getMessage());
        assertEquals(List.of(), receiver.requests());
    }

    @Test
    void refusesLoopbackReceiversUnlessAllowListed() throws Exception {
        WebhookJob guarded = new WebhookJob(
                JobConfig.fromMap(Map.of(WebhookSignature.SECRET_KEY, SECRET)), CLOCK, HostResolver.system());

        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> guarded.handle(WebhookPayload.post(receiver.url("/x"), json("{}")), CONTEXT));

        assertEquals(
                "url host 127.0.0.1 resolves to a loopback address (127.0.0.1); allow-list it with SLUICE_WEBHOOK_ALLOW_HOSTS"
                        + " (127.0.0.1:" + URI.create(receiver.url("/x")).getPort() + " allows this port only)",
                failure.getMessage());
        assertEquals(List.of(), receiver.requests());
    }

    @Test
    void retriesWhenTheHostDoesNotResolve() throws Exception {
        HostResolver nxdomain = host -> {
            throw new UnknownHostException(host);
        };
        WebhookJob job = new WebhookJob(JobConfig.fromMap(Map.of()), CLOCK, nxdomain);

        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> job.handle(WebhookPayload.post("https://hooks.example.invalid/x", json("{}")), CONTEXT));

        assertEquals("url host hooks.example.invalid could not be resolved", failure.getMessage());
    }

    @Test
    void theTypesValidatorRefusesWhatTheHandlerNeverChecksAgain() {
        // The runtime and the producer run the validator before handle(); the handler does not repeat it.
        assertEquals(
                List.of("url: must be an absolute http or https URL"),
                new WebhookPayloadValidator()
                        .problems(new WebhookPayload("ftp://example.com/x", "GET", Map.of(), null)));
    }

    @Test
    void neverPutsTheSecretHeaderValuesOrBodyInAFailureMessage() throws Exception {
        Map<String, String> headers = Map.of("Authorization", "Bearer header-value-9c1e");
        JsonNode body = json("{\"card\":\"body-content-5d2b\"}");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookJob unguarded = job();
        WebhookJob guarded = new WebhookJob(
                JobConfig.fromMap(Map.of(WebhookSignature.SECRET_KEY, SECRET)), CLOCK, HostResolver.system());
        List<String> messages = new java.util.ArrayList<>();
        for (int status : new int[] {301, 400, 401, 403, 404, 408, 422, 429, 500, 502, 503}) {
            receiver.answering(status, Map.of("Retry-After", "5", "Location", receiver.url("/?secret=" + SECRET)));
            messages.add(assertThrows(
                            Exception.class,
                            () -> unguarded.handle(
                                    new WebhookPayload(receiver.url("/x?token=q"), "POST", headers, body), CONTEXT))
                    .getMessage());
        }
        messages.add(assertThrows(
                        Exception.class,
                        () -> unguarded.handle(
                                new WebhookPayload("http://127.0.0.1:" + closedPort + "/x", "POST", headers, body),
                                CONTEXT))
                .getMessage());
        messages.add(assertThrows(
                        Exception.class,
                        () -> guarded.handle(new WebhookPayload(receiver.url("/x"), "POST", headers, body), CONTEXT))
                .getMessage());
        messages.add(assertThrows(
                        Exception.class,
                        () -> unguarded.handle(
                                new WebhookPayload(
                                        receiver.url("/x"),
                                        "POST",
                                        Map.of("X-Bad", "header-value-9c1e\r\nX-Evil: 1"),
                                        body),
                                CONTEXT))
                .getMessage());

        assertEquals(14, messages.size());
        for (String message : messages) {
            assertFalse(message.contains(SECRET), message);
            assertFalse(message.contains("header-value-9c1e"), message);
            assertFalse(message.contains("body-content-5d2b"), message);
            assertFalse(message.contains("token=q"), message);
        }
    }

    @Test
    void failsAtConstructionOnABadAllowListOrTimeout() {
        IllegalArgumentException allow = assertThrows(
                IllegalArgumentException.class,
                () -> new WebhookJob(JobConfig.fromMap(Map.of(HostAllowList.CONFIG_KEY, "10.0.0.0/33"))));
        IllegalArgumentException timeout = assertThrows(
                IllegalArgumentException.class,
                () -> new WebhookJob(JobConfig.fromMap(Map.of(WebhookTimeouts.CONNECT_KEY, "5s"))));

        assertEquals(
                "SLUICE_WEBHOOK_ALLOW_HOSTS: '10.0.0.0/33' is not a host name, an IP address, a CIDR block or 'loopback'",
                allow.getMessage());
        assertEquals(
                "SLUICE_WEBHOOK_CONNECT_TIMEOUT='5s' is not an ISO-8601 duration such as PT5S", timeout.getMessage());
    }
}
