package io.sluice.ops;

/**
 * An operation that cannot be done as asked, with a message that names what was wrong and what would be right.
 * Its {@link Kind} says whose move it is, so every face maps it the same way: the CLI to its exit code, the HTTP API
 * to its status code, the console to its banner. Failures of AWS itself are not wrapped here; they keep the SDK's
 * own exception.
 */
public final class OperationException extends RuntimeException {
    /** Whose move it is. */
    public enum Kind {
        /** The request itself is wrong (an unknown type, a bad duration, a search without a type): HTTP 400. */
        INVALID(400),
        /** What it names does not exist (a job id, a dead letter): HTTP 404. */
        NOT_FOUND(404),
        /** The thing exists but is in a state that refuses the operation (cancel a running job): HTTP 409. */
        CONFLICT(409),
        /** A resource the operation needs is not there (a queue not deployed, an endpoint unreachable): HTTP 503. */
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public OperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OperationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static OperationException invalid(String message) {
        return new OperationException(Kind.INVALID, message);
    }

    static OperationException notFound(String message) {
        return new OperationException(Kind.NOT_FOUND, message);
    }
}
