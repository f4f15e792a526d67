package io.sluice.functions.secrets;

/**
 * The secret store answered, and it has no secret of that name (or the secret holds no string value).
 * Waiting will not help until an operator creates it, so callers may treat it as permanent for the job
 * at hand. The message names the secret and where it was looked for.
 */
public class SecretNotFoundException extends SecretUnavailableException {
    public SecretNotFoundException(String secretName, String message) {
        super(secretName, message);
    }
}
