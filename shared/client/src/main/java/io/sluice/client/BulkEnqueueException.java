package io.sluice.client;

import java.util.List;

/**
 * Some jobs of a bulk enqueue could not be sent after the client's retry. {@link #sent()} lists those that
 * were (they will run), {@link #failed()} those that were not, with SQS's code and message, so the caller can
 * re-send exactly the failed ones (same job ids: a re-send that races a late success is an idempotent duplicate).
 */
public final class BulkEnqueueException extends RuntimeException {
    private final transient List<JobReceipt> sent;
    private final transient List<Failure> failed;

    public BulkEnqueueException(List<JobReceipt> sent, List<Failure> failed) {
        super(failed.size() + " of " + (sent.size() + failed.size()) + " jobs were not sent; first: job "
                + failed.get(0).jobId() + ": " + failed.get(0).code() + " "
                + failed.get(0).message());
        this.sent = List.copyOf(sent);
        this.failed = List.copyOf(failed);
    }

    public List<JobReceipt> sent() {
        return sent;
    }

    public List<Failure> failed() {
        return failed;
    }

    /** One job SQS did not take. */
    public record Failure(String jobId, String code, String message) {}
}
