package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.functions.email.SesErrorClassifier;
import io.sluice.job.Priority;
import io.sluice.local.standin.SesStandIn;
import io.sluice.local.standin.SesStandIn.Answer;
import io.sluice.store.AttemptRecord;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The {@code email} job end to end: sluice-local (ElasticMQ, moto, the event-source-mapping
 * emulator and the real Lambda entry point) with the real AWS SDK SES v2 client pointed, through
 * {@code AWS_ENDPOINT_URL_SESV2}, at {@link SesStandIn}, a local server speaking SES's REST-JSON wire format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailEndToEndTest {
    private static final String ACCESS_KEY = "AKIDSTANDIN0000001";
    private static final String SECRET_KEY = "sEcReT-standin-key-9f8e7d6c5b4a";
    private static final String SESSION_TOKEN = "sEsSiOn-standin-token-1a2b3c";
    private static final Duration THROTTLE_DELAY = Duration.ofSeconds(2);

    private SesStandIn ses;
    private LocalHarness local;

    @BeforeAll
    void start() throws Exception {
        ses = new SesStandIn();
        local = LocalHarness.start(
                List.of("email"),
                Map.of(
                        "email.maxAttempts",
                        "3",
                        "email.backoff.initial",
                        "PT1S",
                        "email.backoff.max",
                        "PT1S",
                        "email.backoff.jitter",
                        "NONE"),
                Map.of(
                        "SLUICE_EMAIL_FROM",
                        "Example Shop <noreply@example.com>",
                        "SLUICE_EMAIL_CONFIGURATION_SET",
                        "transactional",
                        "SLUICE_EMAIL_THROTTLE_DELAY",
                        THROTTLE_DELAY.toString(),
                        "AWS_ENDPOINT_URL_SESV2",
                        ses.endpoint().toString(),
                        "AWS_REGION",
                        "eu-west-1",
                        "AWS_ACCESS_KEY_ID",
                        ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY",
                        SECRET_KEY,
                        "AWS_SESSION_TOKEN",
                        SESSION_TOKEN),
                true);
    }

    @AfterAll
    void stop() {
        if (local != null) {
            local.close();
        }
        if (ses != null) {
            ses.close();
        }
    }

    private String send(String jobId, Map<String, Object> payload) {
        return local.send("email", Priority.NORMAL, envelope("email", jobId, Priority.NORMAL, payload));
    }

    private static Map<String, Object> textTo(String to) {
        return Map.of(
                "to",
                List.of(to),
                "subject",
                "Your order has shipped",
                "text",
                "Order o-42 is on its way.",
                "html",
                "<p>Order <b>o-42</b> is on its way.</p>");
    }

    private JobRecord history(String jobId, JobState state) {
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
    void sendsThroughSesAndRecordsSesMessageIdAsTheResult() {
        String to = "ok-" + UUID.randomUUID() + "@example.com";
        String jobId = "mail-" + UUID.randomUUID();
        String id = send(
                jobId,
                Map.of(
                        "to",
                        List.of(to),
                        "cc",
                        "copy@example.com",
                        "subject",
                        "Your order has shipped",
                        "text",
                        "Order o-42 is on its way.",
                        "html",
                        "<p>Order <b>o-42</b> is on its way.</p>"));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        List<SesStandIn.Request> requests = ses.requestsTo(to);
        assertEquals(1, requests.size());
        var body = requests.get(0).body();
        assertEquals(
                "Example Shop <noreply@example.com>",
                body.path("FromEmailAddress").asText());
        assertEquals("transactional", body.path("ConfigurationSetName").asText());
        assertEquals(to, body.path("Destination").path("ToAddresses").get(0).asText());
        assertEquals(
                "copy@example.com",
                body.path("Destination").path("CcAddresses").get(0).asText());
        assertEquals(
                "Your order has shipped",
                body.path("Content").path("Simple").path("Subject").path("Data").asText());
        assertEquals(
                "UTF-8",
                body.path("Content")
                        .path("Simple")
                        .path("Body")
                        .path("Html")
                        .path("Charset")
                        .asText());
        assertEquals(
                "Order o-42 is on its way.",
                body.path("Content")
                        .path("Simple")
                        .path("Body")
                        .path("Text")
                        .path("Data")
                        .asText());
        // Signed with the configured credentials and region: SigV4 for service "ses" in eu-west-1.
        assertTrue(
                requests.get(0).authorization().startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/"),
                requests.get(0).authorization());
        assertTrue(
                requests.get(0).authorization().contains("/eu-west-1/ses/aws4_request"),
                requests.get(0).authorization());

        JobRecord record = history(jobId, JobState.SUCCEEDED);
        assertEquals(ses.messageIdFor(to), record.result(), "the result is SES's message id");
    }

    @Test
    void sendsAStoredTemplateWithItsDataAsJson() {
        String to = "template-" + UUID.randomUUID() + "@example.com";
        String id = send(
                "tpl-" + UUID.randomUUID(),
                Map.of(
                        "to",
                        to,
                        "template",
                        Map.of("name", "welcome", "data", Map.of("firstName", "Grace", "trialDays", 14))));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        var template = ses.requestsTo(to).get(0).body().path("Content").path("Template");
        assertEquals("welcome", template.path("TemplateName").asText());
        assertEquals(
                Map.of("firstName", "Grace", "trialDays", 14),
                io.sluice.envelope.SluiceJson.mapper()
                        .convertValue(readTree(template.path("TemplateData").asText()), Map.class));
    }

    @Test
    void aThrottled429DefersTheJobWithoutSpendingAnAttemptAndItThenSendsOnce() {
        String to = "throttled-" + UUID.randomUUID() + "@example.com";
        ses.script(to, Answer.error(429, "TooManyRequestsException", "Maximum sending rate exceeded."));
        String jobId = "throttle-" + UUID.randomUUID();
        send(jobId, textTo(to));

        JobRecord record = history(jobId, JobState.SUCCEEDED);

        List<SesStandIn.Request> requests = ses.requestsTo(to);
        assertEquals(2, requests.size(), "one throttled call, then exactly one successful call");
        // SES names no time: the job waits the configured throttle delay, spread by job id, and never less.
        Duration wait = new SesErrorClassifier(THROTTLE_DELAY).spread(jobId);
        Duration gap = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(gap.compareTo(wait) >= 0, "waited " + wait + ", was " + gap);
        assertEquals(
                List.of("deferred", "succeeded"),
                record.attempts().stream().map(AttemptRecord::outcome).toList(),
                "throttling deferred the job without spending an attempt");
        assertEquals(
                "SES throttled the request: TooManyRequestsException: Maximum sending rate exceeded.; trying again in "
                        + wait.toMillis() / 1000.0 + " s",
                record.attempts().get(0).error());
        assertEquals(0, local.outcomes().duplicateTerminals());
    }

    @Test
    void aServerErrorIsRetried() {
        String to = "flaky-" + UUID.randomUUID() + "@example.com";
        ses.script(to, Answer.error(500, "InternalServiceErrorException", "Internal failure."));
        String jobId = "flaky-" + UUID.randomUUID();
        String id = send(jobId, textTo(to));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        assertEquals(2, ses.requestsTo(to).size());
        JobRecord record = history(jobId, JobState.SUCCEEDED);
        assertEquals(
                "SES failed (HTTP 500): InternalServiceErrorException: Internal failure.",
                record.attempts().get(0).error());
    }

    @Test
    void aRejectedMessageIsDeadLetteredAtOnceWithSesMessageInHistory() {
        String to = "rejected-" + UUID.randomUUID() + "@example.com";
        String sesMessage =
                "Email address is not verified. The following identities failed the check in region EU-WEST-1: " + to;
        ses.script(to, Answer.error(400, "MessageRejected", sesMessage));
        String jobId = "rejected-" + UUID.randomUUID();
        String id = send(jobId, textTo(to));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.PERMANENT_FAILURE, local.outcomes().deadLetterReason(id));
        assertEquals(1, ses.requestsTo(to).size(), "no retry");
        // SES's own words, with the person's part of the address masked: history and DLQ attributes are widely read.
        String expected =
                "SES refused the message: MessageRejected: Email address is not verified. The following identities failed the"
                        + " check in region EU-WEST-1: <address>@example.com";
        assertEquals(
                expected,
                deadLetter(jobId)
                        .messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());
        JobRecord record = history(jobId, JobState.DEAD_LETTERED);
        assertEquals("permanent-failure", record.deadLetterReason());
        assertEquals(expected, record.deadLetterDetail());
    }

    @Test
    void anInvalidPayloadIsRefusedWithTheReasonAndNeverSent() {
        String jobId = "invalid-" + UUID.randomUUID();
        String id = send(jobId, Map.of("to", List.of("ada@example.com", "ada-at-example.com"), "subject", "Hi"));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.INVALID_PAYLOAD, local.outcomes().deadLetterReason(id));
        assertEquals(
                "to[1]: is not an e-mail address of the form name@example.com; text, html: at least one body is required",
                deadLetter(jobId)
                        .messageAttributes()
                        .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                        .stringValue());
        assertTrue(
                ses.requests().stream().noneMatch(r -> r.firstTo().equals("ada@example.com")), "nothing reached SES");
    }

    @Test
    void credentialsAndAddressesAppearInNoLogLineAndCredentialsInNoHistoryRecord() {
        String ok = "private-ok-" + UUID.randomUUID() + "@example.com";
        String throttled = "private-throttled-" + UUID.randomUUID() + "@example.com";
        String rejected = "private-rejected-" + UUID.randomUUID() + "@example.com";
        ses.script(throttled, Answer.error(429, "TooManyRequestsException", "Too Many Requests"));
        ses.script(
                rejected,
                Answer.error(
                        400,
                        "MessageRejected",
                        "Email address is not verified. The following identities failed the check in region EU-WEST-1: "
                                + rejected));
        List<String> jobIds = List.of(
                "private-1-" + UUID.randomUUID(), "private-2-" + UUID.randomUUID(), "private-3-" + UUID.randomUUID());
        String logs;
        try (LogCapture capture = LogCapture.start()) {
            send(jobIds.get(0), textTo(ok));
            send(jobIds.get(1), textTo(throttled));
            send(jobIds.get(2), textTo(rejected));
            history(jobIds.get(0), JobState.SUCCEEDED);
            history(jobIds.get(1), JobState.SUCCEEDED);
            history(jobIds.get(2), JobState.DEAD_LETTERED);
            logs = capture.text();
        }

        assertTrue(
                logs.contains("email accepted by SES") && logs.contains("deferred") && logs.contains("dead-lettered"),
                "the capture saw the run's log lines:\n" + logs);
        for (String secret : List.of(SECRET_KEY, SESSION_TOKEN, ok, throttled, rejected)) {
            assertFalse(logs.contains(secret), "log lines contain " + secret + ":\n" + logs);
        }
        String history = HistoryDump.of(local.runtime);
        assertTrue(history.contains("Too Many Requests"), "the dump holds the run's records");
        for (String secret : List.of(SECRET_KEY, SESSION_TOKEN, ACCESS_KEY, rejected)) {
            assertFalse(history.contains(secret), "history contains " + secret);
        }
    }

    private Message deadLetter(String jobId) {
        LocalHarness.await(
                () -> local.deadLetters("email", Priority.NORMAL).stream()
                        .anyMatch(m -> m.body().contains(jobId)),
                Duration.ofSeconds(30),
                () -> jobId + " in the DLQ");
        return local.deadLetters("email", Priority.NORMAL).stream()
                .filter(m -> m.body().contains(jobId))
                .findFirst()
                .orElseThrow();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return io.sluice.envelope.SluiceJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
