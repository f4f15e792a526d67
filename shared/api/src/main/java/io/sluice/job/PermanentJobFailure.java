package io.sluice.job;

/**
 * Thrown by a handler when retrying cannot succeed: the remote side refused the request for good
 * (HTTP 400, 404, 422), the job refers to something that no longer exists, and so on. Sluice sends the
 * job to its dead-letter queue at once with reason {@code permanent-failure} and this exception's
 * message attached, and does not spend further attempts on it. The message must not contain secrets.
 */
public class PermanentJobFailure extends Exception {
    public PermanentJobFailure(String message) {
        super(message);
    }

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
