package io.sluice.runtime.limit;

/**
 * A payload that cannot name its rate-limit budget: the key field is missing, null or not a string or number.
 * The payload is invalid, so the job can never run: a permanent failure, not a retryable one.
 */
public final class InvalidRateLimitKeyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRateLimitKeyException(String message) {
        super(message);
    }
}
