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
import java.net.InetAddress;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
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
 * <p>It sends with {@link PinnedHttpClient}, which connects to the very address the guard checked (no second DNS
 * lookup for a rebinding server to answer differently) and keeps the Lambda jar free of Netty and Apache
 * HttpClient. One connection per request: no pool to share across jobs or across SnapStart restores.
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
    private final PinnedHttpClient client;

    /** The constructor the runtime calls, with the function's configuration. */
    public WebhookJob(JobConfig config) {
        this(config, Clock.systemUTC(), HostResolver.system(), SocketConnector.system(), WebhookJob::defaultTls);
    }

    /** For tests and sluice-local: a fixed clock for signatures and {@code Retry-After}, and a resolver with fixed answers. */
    WebhookJob(JobConfig config, Clock clock, HostResolver resolver) {
        this(config, clock, resolver, SocketConnector.system(), WebhookJob::defaultTls);
    }

    /** For tests: also where connections go and which certificates TLS trusts. */
    WebhookJob(
            JobConfig config,
            Clock clock,
            HostResolver resolver,
            SocketConnector connector,
            Supplier<SSLSocketFactory> tls) {
        this.signature = WebhookSignature.withSecret(config.get(WebhookSignature.SECRET_KEY));
        this.timeouts = WebhookTimeouts.from(config);
        this.guard = new AddressGuard(
                HostAllowList.parse(config.get(HostAllowList.CONFIG_KEY, "")),
                RefusedPorts.parse(config.get(RefusedPorts.CONFIG_KEY, "")),
                resolver);
        this.classifier = new WebhookResponseClassifier(clock);
        this.clock = clock;
        this.client = new PinnedHttpClient(connector, tls);
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
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        List<InetAddress> addresses = guard.check(host, port);

        Instant now = clock.instant();
        Duration left = context.timeLeft();
        Duration readTimeout = timeouts.readTimeout(left)
                .orElseThrow(
                        () -> new RetryableJobFailure("no time left before the attempt's deadline to call " + host));
        WebhookRequest request = request(uri, host, payload, context, now);

        // The read timeout runs from the request written to the response headers; the whole exchange, connecting
        // included, never outlasts the attempt (the runtime's watchdog would interrupt it anyway).
        Duration wait = timeouts.connect().plus(readTimeout);
        WebhookResponse response = client.send(
                request, addresses, timeouts.connect(), readTimeout, wait.compareTo(left) < 0 ? wait : left);
        LOG.atDebug()
                .addKeyValue("jobId", context.jobId())
                .addKeyValue("host", host)
                .addKeyValue("status", response.status())
                .log("webhook answered");
        return classifier.classify(host, response.status(), response.header("Retry-After"));
    }

    private WebhookRequest request(URI uri, String host, WebhookPayload payload, JobContext context, Instant now)
            throws PermanentJobFailure {
        byte[] body = null;
        if (payload.body() != null) {
            try {
                body = SluiceJson.mapper().writeValueAsBytes(payload.body());
            } catch (JsonProcessingException e) {
                throw new PermanentJobFailure("body could not be written as JSON");
            }
        }
        // Case-insensitive like HTTP itself: a payload header replaces a default of the same name in any case.
        Map<String, Map.Entry<String, String>> headers = new LinkedHashMap<>();
        BiConsumer<String, String> set =
                (name, value) -> headers.put(name.toLowerCase(Locale.ROOT), Map.entry(name, value));
        set.accept("User-Agent", USER_AGENT);
        if (payload.body() != null) {
            set.accept("Content-Type", "application/json");
        }
        // After the defaults, so a payload may replace Content-Type or User-Agent; Sluice-* names are refused by
        // validation.
        payload.headers().forEach(set);
        long timestamp = now.getEpochSecond();
        set.accept(JOB_ID_HEADER, context.jobId());
        set.accept(ATTEMPT_HEADER, Integer.toString(context.attempt()));
        set.accept(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        byte[] signed = body == null ? new byte[0] : body;
        signature.ifPresent(s -> set.accept(WebhookSignature.SIGNATURE_HEADER, s.sign(timestamp, signed)));
        for (Map.Entry<String, String> header : headers.values()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches()
                    || !HEADER_VALUE.matcher(header.getValue()).matches()) {
                // No detail: the message could otherwise quote a header value. Validation refuses these first.
                throw new PermanentJobFailure(
                        "the HTTP client refused the request to " + host + " (a header name or value, or the URL)");
            }
        }
        if (!HEADER_NAME.matcher(payload.method()).matches()) {
            throw new PermanentJobFailure("the HTTP client refused the request to " + host + " (the method)");
        }
        return new WebhookRequest(payload.method(), uri, List.copyOf(headers.values()), body);
    }

    // Written as they are onto the wire in ISO-8859-1, so nothing that could end a line may pass (RFC 9110 5.1, 5.5).
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E\\x80-\\xFF]*");

    /** The JDK's default TLS context (its CA certificates), built on the first https request only. */
    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }
}
