package io.sluice.functions.secrets;

import io.sluice.job.JobConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a job type gets its credentials: one string per secret name, such as the JSON document holding an
 * API's keys. On AWS that is Secrets Manager ({@link AwsSecretSource}, cached by {@link CachingSecretSource});
 * in sluice-local and tests a JSON file ({@link FileSecretSource}), chosen by {@link #fromConfig}. Secret
 * values never appear in an exception message, a log line or a {@code toString()}; only names do.
 * Implementations are thread-safe: a handler shares one source between concurrent jobs.
 */
@FunctionalInterface
public interface SecretSource {
    /** Names a JSON file of secrets to use instead of Secrets Manager (sluice-local, tests). */
    String FILE_KEY = "SLUICE_SECRETS_FILE";
    /** How long a value read from Secrets Manager is reused, ISO-8601; {@code PT0S} reads on every use. */
    String CACHE_TTL_KEY = "SLUICE_SECRETS_CACHE_TTL";

    /**
     * The current value of a secret.
     *
     * @throws SecretNotFoundException when the store answered that there is no such secret (or no string value)
     * @throws SecretUnavailableException when the store could not be asked or refused (network, permissions)
     */
    String secret(String name);

    /**
     * The value read from the store now, past any cache (which it refreshes): for a credential the provider has
     * just refused, which may have been rotated since it was cached.
     */
    default String fresh(String name) {
        return secret(name);
    }

    /**
     * The source a function's configuration selects: with {@value #FILE_KEY} set, that file, re-read on every
     * use so edits show at once; otherwise Secrets Manager in the function's region (the SDK's
     * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} point it elsewhere), each value
     * cached for {@value #CACHE_TTL_KEY} (default {@code PT5M}) across invocations. The Secrets Manager client
     * is created on first use, so a function whose jobs never need a secret never builds one.
     *
     * @throws IllegalArgumentException naming the key when a value is malformed
     */
    static SecretSource fromConfig(JobConfig config, Clock clock) {
        Optional<String> file = config.get(FILE_KEY);
        if (file.isPresent()) {
            return new FileSecretSource(Path.of(file.get().trim()));
        }
        return new CachingSecretSource(
                AwsSecretSource.fromEnvironment(),
                CachingSecretSource.ttl(config.get(CACHE_TTL_KEY), CACHE_TTL_KEY),
                clock);
    }
}
