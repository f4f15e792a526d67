package io.sluice.functions.email;

import io.sluice.job.JobConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/**
 * Builds the {@code email} job's SES v2 client from the function's configuration, with the settings the
 * AWS SDK reads from the environment taken from {@link JobConfig} instead, so that on Lambda (where the
 * configuration is the environment) nothing changes, and in sluice-local and tests (where it is a map)
 * {@code --config} can point the job at a local stand-in:
 *
 * <ul>
 *   <li>endpoint: {@code AWS_ENDPOINT_URL_SESV2}, else {@code AWS_ENDPOINT_URL}, else the SDK's own resolution
 *       (the regional SES endpoint);
 *   <li>region: {@code AWS_REGION}, else the SDK's default region chain;
 *   <li>credentials: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} (with {@code AWS_SESSION_TOKEN}
 *       if set) when both are present, else the SDK's default chain (on Lambda with SnapStart, the container
 *       credentials endpoint).
 * </ul>
 *
 * <p>The client uses the JDK URLConnection HTTP client (no Netty or Apache in the Lambda jar) and makes no
 * retries of its own: Sluice retries the job with backoff and records each attempt in history, so one
 * attempt is one {@code SendEmail} call. {@link #create()} is cheap to defer: the constructor only checks
 * the configuration.
 */
public final class SesClientFactory {
    public static final String ENDPOINT_KEY = "AWS_ENDPOINT_URL_SESV2";
    public static final String GLOBAL_ENDPOINT_KEY = "AWS_ENDPOINT_URL";
    /** Connect timeout of the HTTP client; SES answers within milliseconds when reachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Socket read timeout; each call is further bounded by the attempt's deadline. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final JobConfig config;
    private final Optional<URI> endpoint;

    /**
     * Checks the endpoint settings.
     *
     * @throws IllegalArgumentException naming the variable when an endpoint is not an absolute http(s) URL
     */
    public SesClientFactory(JobConfig config) {
        this.config = config;
        Optional<URI> specific = endpoint(config, ENDPOINT_KEY);
        this.endpoint = specific.isPresent() ? specific : endpoint(config, GLOBAL_ENDPOINT_KEY);
    }

    /** The endpoint override, if one is configured. */
    public Optional<URI> endpoint() {
        return endpoint;
    }

    /** A new client; callers keep it for the life of the execution environment. */
    public SesV2Client create() {
        SesV2ClientBuilder builder = SesV2Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT)
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        endpoint.ifPresent(builder::endpointOverride);
        config.get("AWS_REGION").map(String::trim).map(Region::of).ifPresent(builder::region);
        credentials().ifPresent(c -> builder.credentialsProvider(StaticCredentialsProvider.create(c)));
        return builder.build();
    }

    private Optional<AwsCredentials> credentials() {
        Optional<String> id = config.get("AWS_ACCESS_KEY_ID");
        Optional<String> secret = config.get("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = config.get("AWS_SESSION_TOKEN");
        return Optional.of(
                token.isPresent()
                        ? AwsSessionCredentials.create(
                                id.get().trim(),
                                secret.get().trim(),
                                token.get().trim())
                        : AwsBasicCredentials.create(
                                id.get().trim(), secret.get().trim()));
    }

    private static Optional<URI> endpoint(JobConfig config, String key) {
        Optional<String> text = config.get(key).map(String::trim);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException(key + ": '" + text.get() + "' is not an absolute http or https URL");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + ": '" + text.get() + "' is not an absolute http or https URL");
        }
    }
}
