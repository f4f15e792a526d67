package io.sluice.functions.webhook;

import io.sluice.catalogue.DurationParser;
import io.sluice.job.JobConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a webhook request may take. {@code connect} bounds the TCP and TLS handshake
 * ({@code SLUICE_WEBHOOK_CONNECT_TIMEOUT}, default {@code PT5S}); {@code read} bounds the wait for the
 * response ({@code SLUICE_WEBHOOK_READ_TIMEOUT}, default {@code PT20S}). Both are ISO-8601 durations
 * and must be positive. The read timeout of each request is further cut to the time left before the
 * attempt's deadline (see {@link #readTimeout(Instant, Instant)}), so a slow receiver surfaces as a
 * clean retryable timeout instead of the runtime's watchdog interrupting the job.
 *
 * @param connect the connect timeout
 * @param read the configured read timeout, before the deadline cut
 */
public record WebhookTimeouts(Duration connect, Duration read) {
    public static final String CONNECT_KEY = "SLUICE_WEBHOOK_CONNECT_TIMEOUT";
    public static final String READ_KEY = "SLUICE_WEBHOOK_READ_TIMEOUT";
    public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ = Duration.ofSeconds(20);

    public WebhookTimeouts {
        requirePositive("connect", connect);
        requirePositive("read", read);
    }

    /**
     * Reads both keys.
     *
     * @throws IllegalArgumentException naming the key and the bad value, so a misconfigured function
     *     fails at cold start
     */
    public static WebhookTimeouts from(JobConfig config) {
        return new WebhookTimeouts(
                duration(config, CONNECT_KEY, DEFAULT_CONNECT), duration(config, READ_KEY, DEFAULT_READ));
    }

    /**
     * The read timeout of a request with {@code left} before the attempt's deadline ({@code JobContext.timeLeft()}):
     * the configured one, or {@code left} if that is shorter. Empty when no time is left.
     */
    public Optional<Duration> readTimeout(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        return Optional.of(left.compareTo(read) < 0 ? left : read);
    }

    private static Duration duration(JobConfig config, String key, Duration fallback) {
        Optional<String> text = config.get(key);
        if (text.isEmpty()) {
            return fallback;
        }
        Duration value = DurationParser.parse(key, text.get().trim(), "PT5S");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, was " + text.get());
        }
        return value;
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, was " + value);
        }
    }
}
