package io.sluice.functions.tweet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.functions.secrets.SecretNotFoundException;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.functions.secrets.SecretUnavailableException;
import io.sluice.job.Backoff;
import io.sluice.job.Job;
import io.sluice.job.JobConfig;
import io.sluice.job.JobContext;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.Priority;
import io.sluice.job.RateLimit;
import io.sluice.job.RetryableJobFailure;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tweet} job type: posts one {@link TweetPayload} to the X API v2 ({@code POST /2/tweets}) as the
 * account whose OAuth 1.0a user-context credentials are in the secret {@code SLUICE_TWEET_CREDENTIALS_SECRET}
 * ({@link TweetSettings}), signed with HMAC-SHA1 ({@link OAuthSignature}). X's answer decides the outcome
 * ({@link TweetResponseClassifier}): 201 succeeds with the new post's id; 429 defers the job, without spending an
 * attempt, to the reset time X named; 5xx retried with backoff; 401, 403 (duplicate content included) and other 4xx dead-letter the job with
 * X's message.
 *
 * <p>Default limits: at most 3 posts an hour (the replaced system's cap), 20 a day and 10 minutes apart (that
 * system had both limits with configured values; these are the team design notes'), for the whole type (one account). Override them per environment with {@code rateLimit.perHour}, {@code rateLimit.perDay},
 * {@code rateLimit.minInterval} ({@code SLUICE_RATE_LIMIT_PER_HOUR}, ...); a job over a limit waits, it does not fail.
 *
 * <p>Credentials come from a {@link SecretSource} (Secrets Manager, cached; a JSON file in sluice-local), read
 * when a job needs them, never at start. Neither they nor the {@code Authorization} header are ever logged or
 * put into a result or failure message. X has no idempotency key: a retry after a timeout whose post did go
 * through is refused as duplicate content, which on a second or later attempt counts as posted (a first attempt
 * refused as a duplicate is a real duplicate and dead-letters the job with X's message).
 */
@Job(
        type = "tweet",
        priorities = {Priority.HIGH, Priority.NORMAL},
        maxAttempts = 5,
        backoff = @Backoff(initial = "PT1M", multiplier = 2.0, max = "PT1H"),
        rateLimit = @RateLimit(perHour = 3, perDay = 20, minInterval = "PT10M"),
        timeout = "PT30S",
        memoryMb = 512,
        concurrency = 4,
        description = "Posts to X (POST /2/tweets, OAuth 1.0a); at most 3 an hour, 20 a day, 10 minutes apart.")
public final class TweetJob implements JobHandler<TweetPayload> {
    private static final Logger LOG = LoggerFactory.getLogger(TweetJob.class);
    static final String USER_AGENT = "sluice-tweet/1";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest wait for X's answer; always cut to the time left before the attempt's deadline. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    private final TweetSettings settings;
    private final SecretSource secrets;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final TweetResponseClassifier classifier;
    private final HttpClient client;

    /** The constructor the runtime calls, with the function's configuration. */
    public TweetJob(JobConfig config) {
        this(config, SecretSource.fromConfig(config, Clock.systemUTC()), Clock.systemUTC(), new OAuthNonce());
    }

    /** For tests: a chosen secret source, a clock for OAuth timestamps and reset times, and fixed nonces. */
    TweetJob(JobConfig config, SecretSource secrets, Clock clock, Supplier<String> nonces) {
        this.settings = TweetSettings.from(config);
        this.secrets = secrets;
        this.clock = clock;
        this.nonces = nonces;
        this.classifier = new TweetResponseClassifier();
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // twitter-text compiles its large URL and emoji patterns on first use; doing it here puts that cost into
        // init, which SnapStart snapshots, instead of into the first job.
        TweetPayloadValidator.weightedLength("warm-up https://example.com 👍");
    }

    @Override
    public JobResult handle(TweetPayload payload, JobContext context) throws Exception {
        OAuthCredentials credentials = credentials();
        URI endpoint = settings.tweetsEndpoint();
        Instant now = clock.instant();
        Duration left = context.timeLeft();
        if (left.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new RetryableJobFailure("no time left before the attempt's deadline to call X");
        }
        Duration timeout = left.compareTo(RESPONSE_TIMEOUT) < 0 ? left : RESPONSE_TIMEOUT;
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(payload)))
                .setHeader("Content-Type", "application/json")
                .setHeader("User-Agent", USER_AGENT)
                .setHeader(
                        "Authorization",
                        OAuthSignature.authorization(
                                "POST", endpoint, credentials, nonces.get(), now.getEpochSecond()));
        if ("http".equals(endpoint.getScheme().toLowerCase(Locale.ROOT))) {
            // Cleartext (a loopback stand-in only): no h2c upgrade attempt.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        Duration wait = CONNECT_TIMEOUT.plus(timeout);
        HttpResponse<String> response = send(request.build(), wait.compareTo(left) < 0 ? wait : left);
        LOG.atDebug()
                .addKeyValue("status", response.statusCode())
                .addKeyValue(
                        "rateLimitRemaining",
                        response.headers().firstValue("x-rate-limit-remaining").orElse("?"))
                .log("X answered HTTP {}", response.statusCode());
        try {
            return classifier.classify(
                    response.statusCode(), name -> response.headers().firstValue(name), response.body());
        } catch (CredentialsRefused e) {
            if (rotatedSince(credentials)) {
                // Refused with a cached value the secret no longer holds: the next attempt reads the new one.
                throw new RetryableJobFailure(
                        "X refused the cached credentials, which have since changed in secret "
                                + settings.credentialsSecret() + "; retrying with the new ones",
                        Duration.ZERO);
            }
            throw e;
        } catch (DuplicateContent e) {
            if (context.attempt() > 1) {
                // X has no idempotency key: an earlier attempt that timed out may have posted, and this is its echo.
                LOG.atWarn()
                        .log("X refused attempt {} as a duplicate; an earlier attempt posted it", context.attempt());
                return JobResult.of("already posted by an earlier attempt (X refused attempt " + context.attempt()
                        + " as a duplicate)");
            }
            throw e;
        }
    }

    /** Whether the credentials secret now holds other credentials than {@code used} (it was rotated after caching). */
    private boolean rotatedSince(OAuthCredentials used) {
        try {
            return !OAuthCredentials.parse(secrets.fresh(settings.credentialsSecret()), settings.credentialsSecret())
                    .equals(used);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private OAuthCredentials credentials() throws PermanentJobFailure, RetryableJobFailure {
        String name = settings.credentialsSecret();
        String json;
        try {
            json = secrets.secret(name);
        } catch (SecretNotFoundException e) {
            // Nothing to post with until an operator creates it; a redrive after that sends the job again.
            throw new PermanentJobFailure("X credentials unavailable: " + e.getMessage());
        } catch (SecretUnavailableException e) {
            throw new RetryableJobFailure("X credentials unavailable: " + e.getMessage());
        }
        try {
            return OAuthCredentials.parse(json, name);
        } catch (IllegalArgumentException e) {
            throw new PermanentJobFailure("X credentials unusable: " + e.getMessage());
        }
    }

    private static byte[] body(TweetPayload payload) throws PermanentJobFailure {
        ObjectNode body = SluiceJson.mapper().createObjectNode().put("text", payload.content());
        if (!payload.mediaIds().isEmpty()) {
            body.putObject("media").putPOJO("media_ids", payload.mediaIds());
        }
        if (payload.replyTo() != null) {
            body.putObject("reply").put("in_reply_to_tweet_id", payload.replyTo());
        }
        try {
            return SluiceJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new PermanentJobFailure("the post could not be written as JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest request, Duration wait) throws Exception {
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RetryableJobFailure("no answer from X within " + wait);
        } catch (InterruptedException e) {
            // The runtime's watchdog: give the thread back at once.
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw networkFailure(e.getCause());
        }
    }

    /** A failure before any status arrived: retryable. The message names the kind only, never request details. */
    private static RetryableJobFailure networkFailure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new RetryableJobFailure("connecting to X timed out after " + CONNECT_TIMEOUT);
        }
        if (cause instanceof HttpTimeoutException) {
            return new RetryableJobFailure("no answer from X in time");
        }
        if (cause instanceof ConnectException) {
            return new RetryableJobFailure("could not connect to X");
        }
        return new RetryableJobFailure("request to X failed ("
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName()) + ")");
    }
}
