package io.sluice.functions.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Backoff;
import io.sluice.job.Job;
import io.sluice.job.JobConfig;
import io.sluice.job.JobContext;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhook} job type: sends one HTTP request described by a {@link WebhookPayload}, signed with
 * {@link WebhookSignature} when {@code SLUICE_WEBHOOK_SECRET} is set, after {@link AddressGuard} has
 * checked that the URL does not lead into the private network. The response status decides the outcome
 * ({@link WebhookResponseClassifier}): 2xx succeeds, 408, 429, 5xx and network failures retry with the
 * receiver's {@code Retry-After} or the backoff below, redirects and other 4xx dead-letter the job.
 *
 * <p>Configuration (environment variables on Lambda): {@code SLUICE_WEBHOOK_SECRET} (no default; unsigned
 * without it), {@code SLUICE_WEBHOOK_CONNECT_TIMEOUT} ({@code PT5S}), {@code SLUICE_WEBHOOK_READ_TIMEOUT}
 * ({@code PT20S}, never beyond the attempt's deadline), {@code SLUICE_WEBHOOK_ALLOW_HOSTS} (none). A bad
 * value fails construction, so a misconfigured deployment fails at cold start rather than per job.
 *
 * <p>It uses the JDK's {@link HttpClient}, which keeps the Lambda jar free of Netty and Apache HttpClient.
 * One client per handler instance, shared by concurrent jobs (it is thread-safe and pools connections).
 * The receiver should deduplicate on {@code Sluice-Job-Id}: a retry after a timeout may deliver twice.
 */
@Job(
        type = "webhook",
        priorities = {Priority.HIGH, Priority.NORMAL, Priority.LOW},
        maxAttempts = 5,
        backoff = @Backoff(initial = "PT10S", multiplier = 2.0, max = "PT15M"),
        timeout = "PT30S",
        memoryMb = 512,
        concurrency = 12,
        batchSize = 10,
        description =
                "Sends a signed HTTP request to a URL from the payload; retries 408, 429, 5xx and network errors.")
public final class WebhookJob implements JobHandler<WebhookPayload> {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookJob.class);
    static final String USER_AGENT = "sluice-webhook/1";
    static final String JOB_ID_HEADER = "Sluice-Job-Id";
    static final String ATTEMPT_HEADER = "Sluice-Attempt";

    private final Optional<WebhookSignature> signature;
    private final WebhookTimeouts timeouts;
    private final AddressGuard guard;
    private final WebhookResponseClassifier classifier;
    private final Clock clock;
    private final HttpClient client;

    /** The constructor the runtime calls, with the function's configuration. */
    public WebhookJob(JobConfig config) {
        this(config, Clock.systemUTC(), HostResolver.system());
    }

    /** For tests and sluice-local: a fixed clock for signatures and {@code Retry-After}, and a resolver with fixed answers. */
    WebhookJob(JobConfig config, Clock clock, HostResolver resolver) {
        this.signature = WebhookSignature.withSecret(config.get(WebhookSignature.SECRET_KEY));
        this.timeouts = WebhookTimeouts.from(config);
        this.guard = new AddressGuard(HostAllowList.parse(config.get(HostAllowList.CONFIG_KEY, "")), resolver);
        this.classifier = new WebhookResponseClassifier(clock);
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                // Never follow: the next location would skip the address guard (and could point inside).
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (signature.isEmpty()) {
            LOG.warn(
                    "{} is not set: webhooks are sent unsigned, so receivers cannot verify they came from Sluice",
                    WebhookSignature.SECRET_KEY);
        }
    }

    @Override
    public JobResult handle(WebhookPayload payload, JobContext context) throws Exception {
        URI uri = URI.create(payload.url());
        String host = uri.getHost();
        guard.check(host);

        Instant now = clock.instant();
        Duration left = context.timeLeft();
        Duration readTimeout = timeouts.readTimeout(left)
                .orElseThrow(
                        () -> new RetryableJobFailure("no time left before the attempt's deadline to call " + host));
        HttpRequest request = request(uri, host, payload, context, now, readTimeout);

        // The client's request timeout stops at the response headers; this outer wait also bounds connecting
        // and a slow body, and never outlasts the attempt (the runtime's watchdog would interrupt it anyway).
        Duration wait = timeouts.connect().plus(readTimeout);
        HttpResponse<Void> response = send(request, host, readTimeout, wait.compareTo(left) < 0 ? wait : left);
        LOG.atDebug()
                .addKeyValue("jobId", context.jobId())
                .addKeyValue("host", host)
                .addKeyValue("status", response.statusCode())
                .log("webhook answered");
        return classifier.classify(
                host, response.statusCode(), response.headers().firstValue("Retry-After"));
    }

    private HttpRequest request(
            URI uri, String host, WebhookPayload payload, JobContext context, Instant now, Duration readTimeout)
            throws PermanentJobFailure {
        byte[] body = new byte[0];
        if (payload.body() != null) {
            try {
                body = SluiceJson.mapper().writeValueAsBytes(payload.body());
            } catch (JsonProcessingException e) {
                throw new PermanentJobFailure("body could not be written as JSON");
            }
        }
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(readTimeout)
                    .method(
                            payload.method(),
                            payload.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if ("http".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
                // Cleartext: the JDK would otherwise try an h2c upgrade, which some receivers mishandle.
                builder.version(HttpClient.Version.HTTP_1_1);
            }
            builder.setHeader("User-Agent", USER_AGENT);
            if (payload.body() != null) {
                builder.setHeader("Content-Type", "application/json");
            }
            // After the defaults, so a payload may replace Content-Type or User-Agent; Sluice-* names are refused by
            // validation.
            for (Map.Entry<String, String> header : payload.headers().entrySet()) {
                builder.setHeader(header.getKey(), header.getValue());
            }
            long timestamp = now.getEpochSecond();
            builder.setHeader(JOB_ID_HEADER, context.jobId());
            builder.setHeader(ATTEMPT_HEADER, Integer.toString(context.attempt()));
            builder.setHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            byte[] signed = body;
            signature.ifPresent(s -> builder.setHeader(WebhookSignature.SIGNATURE_HEADER, s.sign(timestamp, signed)));
            return builder.build();
        } catch (IllegalArgumentException e) {
            // No cause and no detail: the JDK's message could quote a header value.
            throw new PermanentJobFailure(
                    "the HTTP client refused the request to " + host + " (a header name or value, or the URL)");
        }
    }

    private HttpResponse<Void> send(HttpRequest request, String host, Duration readTimeout, Duration wait)
            throws Exception {
        // The response body is discarded unread: it is never logged or stored, and reading it would only cost time.
        CompletableFuture<HttpResponse<Void>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RetryableJobFailure("no response from " + host + " within " + readTimeout);
        } catch (InterruptedException e) {
            // The runtime's watchdog: give the thread back at once and let it report the timeout.
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw networkFailure(e.getCause(), host, readTimeout);
        }
    }

    /** A failure before any status arrived. Retryable: networks and receivers recover. Messages carry no exception text. */
    private RetryableJobFailure networkFailure(Throwable cause, String host, Duration readTimeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new RetryableJobFailure("connecting to " + host + " timed out after " + timeouts.connect());
        }
        if (cause instanceof HttpTimeoutException) {
            return new RetryableJobFailure("no response from " + host + " within " + readTimeout);
        }
        if (cause instanceof ConnectException) {
            return new RetryableJobFailure("could not connect to " + host);
        }
        if (cause instanceof IOException) {
            return new RetryableJobFailure(
                    "request to " + host + " failed (" + cause.getClass().getSimpleName() + ")");
        }
        return new RetryableJobFailure("request to " + host + " failed ("
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName()) + ")");
    }
}
