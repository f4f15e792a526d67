package io.sluice.envelope;

/**
 * A message body that is not a usable job envelope. {@link #kind()} says which of the permanent-failure
 * reasons applies; the message names the field and what is wrong with it, and never repeats the payload.
 */
public final class InvalidEnvelopeException extends Exception {
    /** Why the body was refused. */
    public enum Kind {
        /** The body is not JSON at all. */
        MALFORMED_JSON,
        /** The body names a {@code specVersion} this runtime does not read. */
        UNSUPPORTED_SPEC_VERSION,
        /** The body is JSON but breaks the envelope schema. */
        INVALID_ENVELOPE,
        /** The envelope names a priority other than the one of the queue it arrived on. */
        WRONG_QUEUE
    }

    private final Kind kind;

    public InvalidEnvelopeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
