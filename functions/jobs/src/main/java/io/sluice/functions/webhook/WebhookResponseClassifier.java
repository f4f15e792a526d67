package io.sluice.functions.webhook;

import io.sluice.functions.http.RetryAfter;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides what a webhook response means for the job, from the status code alone (the body is never
 * read, so it can never leak into history, a DLQ attribute or a log line):
 *
 * <ul>
 *   <li>2xx: delivered; the summary is {@code HTTP <code>}.
 *   <li>408, 429 and 5xx: the receiver is busy or broken for now; retryable, after the receiver's
 *       {@code Retry-After} when it sent a usable one, else after the job type's backoff.
 *   <li>3xx: permanent. Redirects are not followed because the new location would skip the
 *       {@link AddressGuard}; the producer should enqueue the final URL.
 *   <li>any other 4xx: permanent; the request itself is wrong and repeating it cannot help.
 *   <li>anything else (1xx as a final status, codes above 599): retryable, as a misbehaving receiver
 *       may recover, and the attempt budget bounds the cost.
 * </ul>
 *
 * <p>Messages name only the status and host, never headers or body.
 */
public final class WebhookResponseClassifier {
    private final Clock clock;

    public WebhookResponseClassifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Classifies one response.
     *
     * @param host the URL's host, for the message
     * @param status the HTTP status code
     * @param retryAfter the response's {@code Retry-After} header, if any
     * @return the job's result on 2xx
     * @throws PermanentJobFailure on 3xx and 4xx other than 408 and 429
     * @throws RetryableJobFailure on 408, 429, 5xx and unexpected codes
     */
    public JobResult classify(String host, int status, Optional<String> retryAfter)
            throws PermanentJobFailure, RetryableJobFailure {
        if (status >= 200 && status <= 299) {
            return JobResult.of("HTTP " + status);
        }
        String message = "HTTP " + status + " from " + host;
        if (status >= 300 && status <= 399) {
            throw new PermanentJobFailure(message + "; redirects are not followed, enqueue the final URL");
        }
        if (status == 408 || status == 429 || (status >= 500 && status <= 599)) {
            throw new RetryableJobFailure(
                    message,
                    retryAfter
                            .flatMap(value -> RetryAfter.parse(value, clock.instant()))
                            .orElse(null));
        }
        if (status >= 400 && status <= 499) {
            throw new PermanentJobFailure(message);
        }
        throw new RetryableJobFailure("unexpected " + message);
    }
}
