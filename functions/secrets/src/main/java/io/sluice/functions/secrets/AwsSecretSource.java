package io.sluice.functions.secrets;

import io.sluice.lazy.Lazy;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads secrets from AWS Secrets Manager ({@code GetSecretValue} on the {@code AWSCURRENT} version; the name
 * may be a secret's name or ARN). Only {@code SecretString} is supported, which is what the console and CLI
 * store for text and JSON secrets. Uncached: wrap it in a {@link CachingSecretSource}.
 *
 * <p>The client is built on first use with the JDK URLConnection HTTP client (no Netty or Apache in the
 * Lambda jar) and bounded call timeouts, from the SDK's default chains: region from {@code AWS_REGION},
 * endpoint from {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} when set, so the same
 * code reaches AWS, LocalStack or a stand-in. The function's role needs {@code secretsmanager:GetSecretValue}
 * on the secret (and {@code kms:Decrypt} when it uses a customer-managed key).
 */
public final class AwsSecretSource implements SecretSource {
    private final Lazy<SecretsManagerClient> client;

    /**
     * @param clients makes the client on first use (called at most once)
     */
    public AwsSecretSource(Supplier<SecretsManagerClient> clients) {
        this.client = Lazy.of(() -> {
            try {
                return clients.get();
            } catch (SdkException e) {
                // Typically no region: say which setting is missing rather than fail obscurely per job.
                throw new SecretUnavailableException(
                        "",
                        "no Secrets Manager client could be built (is AWS_REGION set? set " + FILE_KEY
                                + " to use a local secrets file instead): " + e.getMessage());
            }
        });
    }

    /** A source whose client comes from the environment, as a Lambda function's would. */
    public static AwsSecretSource fromEnvironment() {
        return new AwsSecretSource(() -> SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                // A hung call must fail inside the job's timeout, not run it out.
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Duration.ofSeconds(8)).apiCallAttemptTimeout(Duration.ofSeconds(3)))
                .build());
    }

    @Override
    public String secret(String name) {
        if (name == null || name.isBlank()) {
            throw new SecretNotFoundException(String.valueOf(name), "a secret name is required");
        }
        GetSecretValueResponse response;
        try {
            response = client.get().getSecretValue(r -> r.secretId(name));
        } catch (ResourceNotFoundException e) {
            throw new SecretNotFoundException(name, "secret '" + name + "' does not exist in Secrets Manager");
        } catch (AwsServiceException e) {
            // The error code says enough (AccessDeniedException, DecryptionFailure, ...); the service's
            // message is left out as a matter of principle: it is not ours to vouch for.
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new SecretUnavailableException(
                    name,
                    "secret '" + name + "' could not be read from Secrets Manager: "
                            + (code == null ? "HTTP " + e.statusCode() : code));
        } catch (SdkException e) {
            throw new SecretUnavailableException(
                    name,
                    "secret '" + name + "' could not be read from Secrets Manager: "
                            + e.getClass().getSimpleName(),
                    e);
        }
        if (response.secretString() == null) {
            throw new SecretNotFoundException(
                    name, "secret '" + name + "' has no string value (binary secrets are not supported)");
        }
        return response.secretString();
    }
}
