package io.sluice.local;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.tweet.OAuthCredentials;
import io.sluice.functions.tweet.TweetSettings;
import io.sluice.functions.tweet.XApiStandIn;
import io.sluice.functions.tweet.XApiStandIn.Answer;
import io.sluice.job.Priority;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.store.AttemptRecord;
import io.sluice.store.JobRecord;
import io.sluice.store.JobState;
import io.sluice.topology.JobsTable;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The {@code tweet} type end to end through sluice-local: ElasticMQ, moto, the event-source-mapping
 * emulator and the real Lambda entry point, posting to {@link XApiStandIn} (a local server that checks every
 * OAuth signature), configured only as a developer would: {@code SLUICE_TWEET_BASE_URL} and a local secrets file
 * ({@code SLUICE_SECRETS_FILE}). The type's hourly limits are lifted with overrides here ({@code rateLimit.*});
 * {@link TweetBurstTest} checks them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TweetEndToEndTest {
    private static final OAuthCredentials CREDENTIALS = XApiStandIn.CREDENTIALS;
    private XApiStandIn x;
    private LocalHarness local;
    private Path secrets;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeAll
    void start() throws Exception {
        // Every log line of the run, as sluice-local prints it (slf4j-simple writes to System.err; some tools to
        // System.out).
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
        x = new XApiStandIn();
        secrets = Files.createTempFile("sluice-secrets", ".json");
        Files.writeString(
                secrets,
                "{\"" + TweetSettings.DEFAULT_CREDENTIALS_SECRET + "\": " + XApiStandIn.credentialsJson(CREDENTIALS)
                        + "}");
        local = LocalHarness.start(
                List.of("tweet"),
                Map.of(
                        "tweet.rateLimit.perHour",
                        "0",
                        "tweet.rateLimit.perDay",
                        "0",
                        "tweet.rateLimit.minInterval",
                        "PT0S",
                        "tweet.maxAttempts",
                        "3",
                        "tweet.backoff.initial",
                        "PT1S",
                        "tweet.backoff.max",
                        "PT2S",
                        "tweet.backoff.jitter",
                        "NONE"),
                Map.of(TweetSettings.BASE_URL_KEY, x.baseUrl().toString(), SecretSource.FILE_KEY, secrets.toString()),
                true);
    }

    @AfterAll
    void stop() throws Exception {
        if (local != null) {
            local.close();
        }
        if (x != null) {
            x.close();
        }
        System.setErr(originalErr);
        System.setOut(originalOut);
        Files.deleteIfExists(secrets);
    }

    private String send(String jobId, Map<String, Object> payload) {
        return local.send("tweet", Priority.NORMAL, envelope("tweet", jobId, Priority.NORMAL, payload));
    }

    private JobRecord history(String jobId, JobState state) {
        LocalHarness.await(
                () -> local.runtime
                        .jobStore()
                        .get(jobId)
                        .map(r -> r.state() == state)
                        .orElse(false),
                Duration.ofSeconds(30),
                () -> "history of " + jobId + " reaches " + state + ": "
                        + local.runtime.jobStore().get(jobId));
        return local.runtime.jobStore().get(jobId).orElseThrow();
    }

    private List<XApiStandIn.Request> requestsFor(String text) {
        return x.requests().stream().filter(r -> r.body().contains(text)).toList();
    }

    @Test
    @Order(1)
    void aPostSucceedsSignedAndHistoryKeepsTheNewPostsId() {
        String text = "Proposal 42 passed ✅ " + UUID.randomUUID();
        String jobId = "tweet-ok-" + UUID.randomUUID();
        String id = send(jobId, Map.of("content", text, "media_ids", List.of("1146654567674912769")));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        XApiStandIn.Post post = x.posts().stream()
                .filter(p -> p.text().equals(text))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("1146654567674912769"), post.mediaIds());
        assertTrue(requestsFor(text).get(0).signatureValid());
        assertEquals("tweet " + post.id(), history(jobId, JobState.SUCCEEDED).result());
    }

    @Test
    @Order(2)
    void aRateLimitedPostWaitsForTheResetXNamedAndThenRunsOnce() {
        Instant reset = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        x.answerNext(Answer.tooManyRequests(reset));
        String text = "after the window " + UUID.randomUUID();
        String jobId = "tweet-429-" + UUID.randomUUID();
        send(jobId, Map.of("content", text));

        JobRecord record = history(jobId, JobState.SUCCEEDED);

        List<XApiStandIn.Request> requests = requestsFor(text);
        assertEquals(2, requests.size(), "refused once, then posted once");
        // The deferred copy was held until the reset (not-before time), never sent before it.
        assertFalse(
                requests.get(1).receivedAt().isBefore(reset),
                "second request at " + requests.get(1).receivedAt() + ", reset " + reset);
        assertEquals(1, x.posts().stream().filter(p -> p.text().equals(text)).count());
        assertEquals(
                List.of("deferred", "succeeded"),
                record.attempts().stream().map(AttemptRecord::outcome).toList(),
                "the 429 deferred the job without spending an attempt");
        assertEquals(
                "X answered HTTP 429: Too Many Requests; rate limited until " + reset,
                record.attempts().get(0).error());
    }

    @Test
    @Order(3)
    void serverErrorsAreRetriedUntilXRecovers() {
        x.answerNext(Answer.serviceUnavailable(), Answer.serviceUnavailable());
        String text = "third time lucky " + UUID.randomUUID();
        String jobId = "tweet-5xx-" + UUID.randomUUID();
        String id = send(jobId, Map.of("content", text));

        local.awaitFinished(List.of(id), Duration.ofSeconds(60));

        assertTrue(local.outcomes().hasSucceeded(id));
        assertEquals(3, requestsFor(text).size());
        JobRecord record = history(jobId, JobState.SUCCEEDED);
        assertEquals(
                List.of("failed", "failed", "succeeded"),
                record.attempts().stream().map(AttemptRecord::outcome).toList());
        assertEquals(
                "X answered HTTP 503: Service Unavailable",
                record.attempts().get(0).error());
    }

    @Test
    @Order(4)
    void aDuplicateIsDeadLetteredAtOnceWithXsMessageInHistoryAndOnTheDeadLetter() {
        String text = "said once " + UUID.randomUUID();
        String first = send("tweet-dup-a-" + UUID.randomUUID(), Map.of("content", text));
        local.awaitFinished(List.of(first), Duration.ofSeconds(60));
        String jobId = "tweet-dup-b-" + UUID.randomUUID();
        String second = send(jobId, Map.of("content", text));

        local.awaitFinished(List.of(second), Duration.ofSeconds(60));

        assertEquals(DeadLetterReason.PERMANENT_FAILURE, local.outcomes().deadLetterReason(second));
        String expected =
                "duplicate content: X answered HTTP 403: You are not allowed to create a Tweet with duplicate content.";
        JobRecord record = history(jobId, JobState.DEAD_LETTERED);
        assertEquals("permanent-failure", record.deadLetterReason());
        assertEquals(expected, record.deadLetterDetail());
        assertEquals(1, record.attempts().size(), "no retry of a permanent refusal");
        Message dead = deadLetter(jobId);
        assertEquals(
                expected,
                dead.messageAttributes().get(DeadLetterReason.DETAIL_ATTRIBUTE).stringValue());
    }

    @Test
    @Order(5)
    void invalidPayloadsAreRefusedWithTheReasonAndNeverSent() {
        int before = x.requests().size();
        String tooLong = send("tweet-long-" + UUID.randomUUID(), Map.of("content", "提案第四十二号が可決されました。".repeat(10)));
        String tooManyMedia = send(
                "tweet-media-" + UUID.randomUUID(),
                Map.of("content", "pictures", "media_ids", List.of("1", "2", "3", "4", "5")));
        String typo = send("tweet-typo-" + UUID.randomUUID(), Map.of("contnet", "hello"));

        local.awaitFinished(List.of(tooLong, tooManyMedia, typo), Duration.ofSeconds(60));

        for (String id : List.of(tooLong, tooManyMedia, typo)) {
            assertEquals(DeadLetterReason.INVALID_PAYLOAD, local.outcomes().deadLetterReason(id));
        }
        LocalHarness.await(
                () -> local.deadLetters("tweet", Priority.NORMAL).size() >= 4,
                Duration.ofSeconds(30),
                () -> "dead letters");
        assertEquals(
                "content: is 320 characters as X counts them, at most 280 allowed (URLs count 23, CJK characters and emoji 2)",
                detail("tweet-long-"));
        assertEquals("media_ids: at most 4 ids, got 5", detail("tweet-media-"));
        assertEquals(
                "payload.contnet: unknown field; TweetPayload has: content, media_ids, reply_to",
                detail("tweet-typo-"));
        assertEquals(before, x.requests().size(), "nothing invalid reached X");
    }

    @Test
    @Order(99)
    void noSecretAppearsInAnyLogLineHistoryRecordOrDeadLetter() {
        List<String> secretsToFind =
                List.of(CREDENTIALS.consumerSecret(), CREDENTIALS.accessTokenSecret(), CREDENTIALS.accessToken());
        String logText = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logText.contains("dead-lettered"), "the capture saw the run's log lines");

        List<String> history = new ArrayList<>();
        try (DynamoDbClient dynamoDb =
                LocalClients.dynamoDb(local.runtime.dynamoDbEndpoint(), "us-east-1", new DynamoDbRequestCounter())) {
            dynamoDb.scanPaginator(r -> r.tableName(JobsTable.name("sluice")))
                    .items()
                    .forEach(item -> history.add(item.toString()));
        }
        assertTrue(history.size() >= 6, "history holds the run's jobs: " + history.size());
        List<String> deadLetters = local.deadLetters("tweet", Priority.NORMAL).stream()
                .map(m -> m.body() + m.messageAttributes())
                .toList();
        assertFalse(deadLetters.isEmpty(), "the scan looks into the run's dead letters");

        for (String secret : secretsToFind) {
            assertFalse(logText.contains(secret), "a log line holds a secret");
            history.forEach(item -> assertFalse(item.contains(secret), "a history item holds a secret"));
            deadLetters.forEach(m -> assertFalse(m.contains(secret), "a dead letter holds a secret"));
        }
        // The signed header never leaves the request either.
        assertFalse(logText.contains("oauth_signature"), "a log line holds an Authorization header");
        history.forEach(item -> assertFalse(item.contains("oauth_"), "a history item holds an Authorization header"));
    }

    private Message deadLetter(String jobId) {
        LocalHarness.await(
                () -> local.deadLetters("tweet", Priority.NORMAL).stream()
                        .anyMatch(m -> m.body().contains(jobId)),
                Duration.ofSeconds(30),
                () -> "dead letter of " + jobId);
        return local.deadLetters("tweet", Priority.NORMAL).stream()
                .filter(m -> m.body().contains(jobId))
                .findFirst()
                .orElseThrow();
    }

    private String detail(String jobIdPrefix) {
        return local.deadLetters("tweet", Priority.NORMAL).stream()
                .filter(m -> m.body().contains(jobIdPrefix))
                .findFirst()
                .orElseThrow()
                .messageAttributes()
                .get(DeadLetterReason.DETAIL_ATTRIBUTE)
                .stringValue();
    }

    /** Writes to two streams: the console stays readable while the test keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }
    }
}
