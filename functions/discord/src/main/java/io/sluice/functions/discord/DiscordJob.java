package io.sluice.functions.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sluice.envelope.SluiceJson;
import io.sluice.functions.secrets.SecretSource;
import io.sluice.job.Backoff;
import io.sluice.job.Job;
import io.sluice.job.JobConfig;
import io.sluice.job.JobContext;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.Priority;
import io.sluice.job.RetryableJobFailure;
import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code discord} job type: posts a {@link DiscordPayload} to the Discord webhook configured for its
 * channel (Discord's <a href="https://discord.com/developers/docs/resources/webhook#execute-webhook">Execute
 * Webhook</a>, {@code POST <webhook URL>?wait=true}), so that Discord confirms the message was saved and
 * returns it; the message's id becomes the job's result. {@link DiscordWebhooks} finds the URL in a secret,
 * {@link DiscordPayloadValidator} holds the payload to Discord's limits, and
 * {@link DiscordResponseClassifier} decides: a 429 defers the job, without spending an attempt, to the moment
 * Discord names (its {@code retry_after}, global limits included), 5xx and network errors retry with the
 * backoff below, other 4xx dead-letter the job with Discord's message.
 *
 * <p>No rate limit is declared: Discord asks clients not to hard-code its limits, which change, but to obey
 * its 429s. An operator who knows a channel's traffic can add one per environment, for example
 * {@code SLUICE_RATE_LIMIT_PER_MINUTE=30} with {@code SLUICE_RATE_LIMIT_KEY=channel}, which holds jobs back
 * before they are refused.
 *
 * <p>The webhook URL contains its token, so it appears in no log line, message or result. Uses the JDK's
 * {@link HttpClient} (no Netty, no Apache in the Lambda jar), one per handler, shared by concurrent jobs;
 * redirects are not followed. Configuration: see {@link DiscordWebhooks} and {@link SecretSource#fromConfig}.
 */
@Job(
        type = "discord",
        priorities = {Priority.HIGH, Priority.NORMAL},
        maxAttempts = 5,
        backoff = @Backoff(initial = "PT5S", multiplier = 2.0, max = "PT10M"),
        timeout = "PT30S",
        memoryMb = 512,
        concurrency = 6,
        description =
                "Posts a message to a Discord channel's webhook (URL from a secret); honours Discord's 429 retry_after.")
public final class DiscordJob implements JobHandler<DiscordPayload> {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordJob.class);
    /** Discord asks API clients for a {@code DiscordBot (url, version)} user agent. */
    static final String USER_AGENT = "DiscordBot (https://sluice.io, 1) sluice-discord/1";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final DiscordWebhooks webhooks;
    private final DiscordResponseClassifier classifier;
    /**
     * Until when Discord's global limit holds, as the last global 429 said; shared by the jobs of this execution
     * environment (the handler is one instance per environment), or {@code null}.
     */
    private volatile Instant globalPauseUntil;

    private final Clock clock;
    private final HttpClient client;

    /** The constructor the runtime calls, with the function's configuration. */
    public DiscordJob(JobConfig config) {
        this(config, Clock.systemUTC());
    }

    /** For tests: a fixed clock for {@code Retry-After} dates and the secret cache. */
    DiscordJob(JobConfig config, Clock clock) {
        this(DiscordWebhooks.from(config, SecretSource.fromConfig(config, clock)), clock);
    }

    DiscordJob(DiscordWebhooks webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.classifier = new DiscordResponseClassifier(clock);
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public JobResult handle(DiscordPayload payload, JobContext context) throws Exception {
        String channel = payload.channel();
        Instant now = clock.instant();
        Instant pause = globalPauseUntil;
        if (pause != null && now.isBefore(pause)) {
            // Another job in this execution environment met Discord's global limit: sending now would only earn
            // another 429, and repeated invalid requests get an IP banned.
            throw JobDeferral.until(
                    "Discord global rate limit in effect until " + pause + " (met by another job)", pause);
        }
        URI url = withWait(webhooks.url(channel));
        Duration left = context.timeLeft();
        if (left.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new RetryableJobFailure(
                    "no time left before the attempt's deadline to call Discord for channel '" + channel + "'");
        }
        Duration readTimeout = left.compareTo(READ_TIMEOUT) < 0 ? left : READ_TIMEOUT;
        byte[] body;
        try {
            body = SluiceJson.mapper().writeValueAsBytes(payload.message());
        } catch (JsonProcessingException e) {
            throw new PermanentJobFailure("the message for channel '" + channel + "' could not be written as JSON");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("http".equalsIgnoreCase(url.getScheme())) {
            // Cleartext (a loopback stand-in): no h2c upgrade attempt.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        Duration wait = CONNECT_TIMEOUT.plus(readTimeout);
        HttpResponse<byte[]> response = send(request.build(), channel, wait.compareTo(left) < 0 ? wait : left);
        LOG.atDebug()
                .addKeyValue("jobId", context.jobId())
                .addKeyValue("channel", channel)
                .addKeyValue("status", response.statusCode())
                .log("Discord answered");
        try {
            return classifier.classify(channel, response.statusCode(), response.headers(), response.body());
        } catch (JobDeferral e) {
            if (DiscordResponseClassifier.isGlobal(response.statusCode(), response.headers(), response.body())) {
                globalPauseUntil = e.runAt(clock.instant());
            }
            throw e;
        } catch (PermanentJobFailure e) {
            if ((response.statusCode() == 401 || response.statusCode() == 404) && rotatedSince(channel, url)) {
                // The cached webhook was replaced in the secret after caching: the next attempt uses the new one.
                throw new RetryableJobFailure(
                        "Discord refused the cached webhook of channel '" + channel + "', which has since changed in"
                                + " secret " + webhooks.secretName() + "; retrying with the new one",
                        Duration.ZERO);
            }
            throw e;
        }
    }

    /** Whether the channel's webhook in the secret is no longer {@code used} (it was rotated after caching). */
    private boolean rotatedSince(String channel, URI used) {
        try {
            return !withWait(webhooks.freshUrl(channel)).equals(used);
        } catch (PermanentJobFailure | RetryableJobFailure | RuntimeException unreadable) {
            return false;
        }
    }

    /** The URL with {@code wait=true}, keeping a query the configured URL has ({@code thread_id}). */
    static URI withWait(URI url) {
        String raw = url.toString();
        return URI.create(raw + (url.getRawQuery() == null ? "?" : "&") + "wait=true");
    }

    private HttpResponse<byte[]> send(HttpRequest request, String channel, Duration wait) throws Exception {
        // The body is small (a message object or an error); the outer wait bounds connecting, the answer and the body.
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RetryableJobFailure("no answer from Discord for channel '" + channel + "' within " + wait);
        } catch (InterruptedException e) {
            // The runtime's watchdog: give the thread back at once and let it report the timeout.
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw networkFailure(e.getCause(), channel);
        }
    }

    /** A failure before any status arrived. Retryable. Messages carry no exception text: it could quote the URL. */
    private static RetryableJobFailure networkFailure(Throwable cause, String channel) {
        String what = "calling Discord for channel '" + channel + "' failed";
        if (cause instanceof HttpConnectTimeoutException) {
            return new RetryableJobFailure(what + ": connect timed out after " + CONNECT_TIMEOUT);
        }
        if (cause instanceof HttpTimeoutException) {
            return new RetryableJobFailure(what + ": no answer in time");
        }
        if (cause instanceof ConnectException) {
            return new RetryableJobFailure(what + ": could not connect");
        }
        if (cause instanceof IOException) {
            return new RetryableJobFailure(what + " (" + cause.getClass().getSimpleName() + ")");
        }
        return new RetryableJobFailure(what + " ("
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName()) + ")");
    }
}
