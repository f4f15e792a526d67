package io.sluice.functions.secrets;

/**
 * A secret could not be read: the store was unreachable, refused the caller, or could not decrypt it.
 * Usually temporary or fixed by an operator, so callers normally retry. The message names the secret and
 * the kind of failure, never a value, and the cause is left out when its text could quote one.
 */
public class SecretUnavailableException extends RuntimeException {
    private final String secretName;

    public SecretUnavailableException(String secretName, String message) {
        this(secretName, message, null);
    }

    public SecretUnavailableException(String secretName, String message, Throwable cause) {
        super(message, cause);
        this.secretName = secretName;
    }

    /** The name of the secret that could not be read. */
    public String secretName() {
        return secretName;
    }
}
