package io.sluice.functions.tweet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.functions.secrets.CachingSecretSource;
import io.sluice.functions.secrets.FileSecretSource;
import io.sluice.functions.secrets.SecretNotFoundException;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.secrets.SecretUnavailableException;
import io.sluice.functions.testing.FixedJobContext;
import io.sluice.functions.tweet.XApiStandIn.Answer;
import io.sluice.job.JobConfig;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TweetJob} against {@link XApiStandIn}, a real local HTTP server that checks every OAuth signature on its
 * own: what goes over the wire, and what each of X's answers means for the job.
 */
class TweetJobTest {
    private static final String SECRET_NAME = "sluice/x-credentials";
    private final XApiStandIn x = new XApiStandIn();
    private final Clock clock = Clock.systemUTC();
    private final AtomicInteger nonce = new AtomicInteger();

    TweetJobTest() throws Exception {}

    @AfterEach
    void stop() {
        x.close();
    }

    private TweetJob job(SecretSource secrets) {
        return new TweetJob(
                JobConfig.fromMap(Map.of(TweetSettings.BASE_URL_KEY, x.baseUrl().toString())),
                secrets,
                clock,
                () -> "nonce-" + nonce.incrementAndGet());
    }

    private TweetJob job() {
        return job(name -> {
            if (!name.equals(SECRET_NAME)) {
                throw new SecretNotFoundException(name, "secret '" + name + "' does not exist");
            }
            return XApiStandIn.credentialsJson(XApiStandIn.CREDENTIALS);
        });
    }

    private FixedJobContext context() {
        return new FixedJobContext("job-1", "tweet", 1, Instant.now().plusSeconds(30));
    }

    @Test
    void postsTheTextMediaAndReplySignedAsTheAccountAndReturnsTheNewPostsId() throws Exception {
        JobResult result = job().handle(
                        new TweetPayload("Proposal 42 passed ✅", List.of("1146654567674912769"), "1445880548472328192"),
                        context());

        XApiStandIn.Post post = x.posts().get(0);
        assertEquals("tweet " + post.id(), result.summary());
        assertEquals("Proposal 42 passed ✅", post.text());
        assertEquals(List.of("1146654567674912769"), post.mediaIds());
        assertEquals("1445880548472328192", post.replyTo());
        XApiStandIn.Request request = x.requests().get(0);
        assertTrue(request.signatureValid(), "the stand-in verified the signature");
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertEquals(
                Map.of("text", "Proposal 42 passed ✅"),
                Map.of("text", body.get("text").asText()));
        assertEquals("1146654567674912769", body.at("/media/media_ids/0").asText());
        assertEquals(
                "1445880548472328192", body.at("/reply/in_reply_to_tweet_id").asText());
    }

    @Test
    void aPlainPostSendsNeitherMediaNorReply() throws Exception {
        job().handle(TweetPayload.of("hello"), context());
        JsonNode body = new ObjectMapper().readTree(x.requests().get(0).body());
        assertEquals(List.of("text"), iterator(body));
    }

    private static List<String> iterator(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aWrongSecretFailsTheStandInsSignatureCheckAndIsPermanentWithXsMessage() {
        OAuthCredentials wrong = new OAuthCredentials(
                XApiStandIn.CREDENTIALS.consumerKey(),
                "not-the-consumer-secret",
                XApiStandIn.CREDENTIALS.accessToken(),
                XApiStandIn.CREDENTIALS.accessTokenSecret());
        PermanentJobFailure e = assertThrows(
                PermanentJobFailure.class,
                () -> job(name -> XApiStandIn.credentialsJson(wrong)).handle(TweetPayload.of("hello"), context()));
        assertEquals("not authorised: X answered HTTP 401: Unauthorized", e.getMessage());
        assertFalse(x.requests().get(0).signatureValid());
        assertEquals(List.of(), x.posts());
    }

    @Test
    void credentialsRotatedSinceTheyWereCachedAreRetriedWithTheNewOnesNotDeadLettered() throws Exception {
        OAuthCredentials old = new OAuthCredentials(
                XApiStandIn.CREDENTIALS.consumerKey(),
                "rotated-away",
                XApiStandIn.CREDENTIALS.accessToken(),
                XApiStandIn.CREDENTIALS.accessTokenSecret());
        // The real cache over the real file source: the old credentials are cached by an earlier job, then the
        // secret is rotated in the store.
        Path file = Files.createTempFile("secrets", ".json");
        Files.writeString(file, "{\"" + SECRET_NAME + "\": " + XApiStandIn.credentialsJson(old) + "}");
        SecretSource rotating = new CachingSecretSource(new FileSecretSource(file), Duration.ofMinutes(5), clock);
        rotating.secret(SECRET_NAME);
        Files.writeString(
                file, "{\"" + SECRET_NAME + "\": " + XApiStandIn.credentialsJson(XApiStandIn.CREDENTIALS) + "}");
        TweetJob job = job(rotating);

        RetryableJobFailure e =
                assertThrows(RetryableJobFailure.class, () -> job.handle(TweetPayload.of("after rotation"), context()));
        assertEquals(
                "X refused the cached credentials, which have since changed in secret " + SECRET_NAME
                        + "; retrying with the new ones",
                e.getMessage());
        assertEquals(Duration.ZERO, e.retryAfter().orElseThrow());
        job.handle(TweetPayload.of("after rotation"), context());
        assertEquals(
                1,
                x.posts().stream()
                        .filter(p -> p.text().equals("after rotation"))
                        .count(),
                "the retry posts with the new ones");
    }

    @Test
    void aDuplicateIsPermanentWithXsOwnWords() throws Exception {
        TweetJob job = job();
        job.handle(TweetPayload.of("same words"), context());
        PermanentJobFailure e =
                assertThrows(PermanentJobFailure.class, () -> job.handle(TweetPayload.of("same words"), context()));
        assertEquals(
                "duplicate content: X answered HTTP 403: You are not allowed to create a Tweet with duplicate content.",
                e.getMessage());
    }

    @Test
    void aDuplicateOnALaterAttemptIsTheEarlierAttemptsPostAndCountsAsDone() throws Exception {
        TweetJob job = job();
        // Attempt 1 posted, but its answer was lost (a timeout); attempt 2 meets X's duplicate refusal.
        job.handle(TweetPayload.of("posted once"), context());
        JobResult second = job.handle(
                TweetPayload.of("posted once"),
                new FixedJobContext("job-1", "tweet", 2, Instant.now().plusSeconds(30)));

        assertEquals("already posted by an earlier attempt (X refused attempt 2 as a duplicate)", second.summary());
        assertEquals(
                1,
                x.posts().stream().filter(p -> p.text().equals("posted once")).count());
    }

    @Test
    void aForbiddenPostIsPermanentWithXsMessage() {
        x.answerNext(Answer.forbidden("You are not permitted to perform this action."));
        PermanentJobFailure e =
                assertThrows(PermanentJobFailure.class, () -> job().handle(TweetPayload.of("hello"), context()));
        assertEquals(
                "not authorised: X answered HTTP 403: You are not permitted to perform this action.", e.getMessage());
    }

    @Test
    void tooManyRequestsDefersTheJobToTheResetXNamed() {
        Instant reset = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant now = reset.minusSeconds(437);
        x.answerNext(Answer.tooManyRequests(reset));
        TweetJob job = new TweetJob(
                JobConfig.fromMap(Map.of(TweetSettings.BASE_URL_KEY, x.baseUrl().toString())),
                name -> XApiStandIn.credentialsJson(XApiStandIn.CREDENTIALS),
                Clock.fixed(now, java.time.ZoneOffset.UTC),
                () -> "n-429");
        JobDeferral e = assertThrows(
                JobDeferral.class,
                () -> job.handle(
                        TweetPayload.of("hello"), new FixedJobContext("job-1", "tweet", 1, now.plusSeconds(30))));
        assertEquals(reset, e.runAt(now));
        assertEquals("X answered HTTP 429: Too Many Requests; rate limited until " + reset, e.getMessage());
    }

    @Test
    void aServerErrorIsRetriedWithTheBackoff() {
        x.answerNext(Answer.serviceUnavailable());
        RetryableJobFailure e =
                assertThrows(RetryableJobFailure.class, () -> job().handle(TweetPayload.of("hello"), context()));
        assertEquals("X answered HTTP 503: Service Unavailable", e.getMessage());
        assertTrue(e.retryAfter().isEmpty());
    }

    @Test
    void anUnreachableXIsRetried() {
        x.close();
        RetryableJobFailure e =
                assertThrows(RetryableJobFailure.class, () -> job().handle(TweetPayload.of("hello"), context()));
        assertEquals("could not connect to X", e.getMessage());
    }

    @Test
    void aMissingCredentialsSecretIsPermanentAndAnUnreadableOneIsRetried() {
        PermanentJobFailure missing = assertThrows(
                PermanentJobFailure.class,
                () -> job(name -> {
                            throw new SecretNotFoundException(
                                    name, "secret '" + name + "' does not exist in Secrets Manager");
                        })
                        .handle(TweetPayload.of("hello"), context()));
        assertEquals(
                "X credentials unavailable: secret 'sluice/x-credentials' does not exist in Secrets Manager",
                missing.getMessage());

        RetryableJobFailure unreadable = assertThrows(
                RetryableJobFailure.class,
                () -> job(name -> {
                            throw new SecretUnavailableException(
                                    name,
                                    "secret '" + name
                                            + "' could not be read from Secrets Manager: ThrottlingException");
                        })
                        .handle(TweetPayload.of("hello"), context()));
        assertEquals(
                "X credentials unavailable: secret 'sluice/x-credentials' could not be read from Secrets Manager: ThrottlingException",
                unreadable.getMessage());
        assertEquals(List.of(), x.requests(), "nothing was sent");
    }

    @Test
    void credentialsLackingAFieldArePermanentAndNameTheFieldNotAValue() {
        String partial =
                "{\"consumerKey\":\"ck\",\"consumerSecret\":\"" + XApiStandIn.CREDENTIALS.consumerSecret() + "\"}";
        PermanentJobFailure e = assertThrows(
                PermanentJobFailure.class, () -> job(name -> partial).handle(TweetPayload.of("hello"), context()));
        assertEquals(
                "X credentials unusable: secret 'sluice/x-credentials' lacks a non-empty string accessToken, accessTokenSecret "
                        + "(it needs consumerKey, consumerSecret, accessToken, accessTokenSecret)",
                e.getMessage());
        PermanentJobFailure notJson = assertThrows(
                PermanentJobFailure.class,
                () -> job(name -> "consumerSecret=" + XApiStandIn.CREDENTIALS.consumerSecret())
                        .handle(TweetPayload.of("hello"), context()));
        assertFalse(notJson.getMessage().contains(XApiStandIn.CREDENTIALS.consumerSecret()), notJson.getMessage());
    }

    @Test
    void theCredentialsToStringShowsNoSecret() {
        String text = XApiStandIn.CREDENTIALS.toString();
        assertEquals("OAuthCredentials[consumerKey=stan…, secrets redacted]", text);
    }

    @Test
    void anInvalidPayloadIsRefusedByTheTypesValidatorWhichRunsBeforeTheHandler() {
        // The runtime and the producer check with the validator; handle() does not repeat it.
        assertEquals(
                List.of("content: must contain text, not only whitespace"),
                new TweetPayloadValidator().problems(TweetPayload.of(" ")));
        assertEquals(List.of(), x.requests());
    }

    @Test
    void theDefaultSettingsPointAtXAndTheDefaultSecret() {
        TweetSettings settings = TweetSettings.from(JobConfig.fromMap(Map.of()));
        assertEquals("https://api.x.com/2/tweets", settings.tweetsEndpoint().toString());
        assertEquals("sluice/x-credentials", settings.credentialsSecret());
    }
}
