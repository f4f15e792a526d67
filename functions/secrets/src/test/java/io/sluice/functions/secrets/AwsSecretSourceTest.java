package io.sluice.functions.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@link AwsSecretSource} through the real AWS SDK against a local server speaking Secrets Manager's protocol. */
class AwsSecretSourceTest {
    private static final String VALUE = "{\"consumerKey\":\"ck-hunter2\"}";
    private final SecretsManagerStandIn standIn = new SecretsManagerStandIn().with("sluice/x-credentials", VALUE);

    AwsSecretSourceTest() throws Exception {}

    @AfterEach
    void stop() {
        standIn.close();
    }

    private AwsSecretSource source(AtomicInteger built) {
        return new AwsSecretSource(() -> {
            built.incrementAndGet();
            return SecretsManagerClient.builder()
                    .endpointOverride(standIn.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        });
    }

    @Test
    void readsTheSecretStringAndBuildsItsClientOnceOnFirstUse() {
        AtomicInteger built = new AtomicInteger();
        AwsSecretSource source = source(built);
        assertEquals(0, built.get(), "no client before the first secret is needed");
        assertEquals(VALUE, source.secret("sluice/x-credentials"));
        assertEquals(VALUE, source.secret("sluice/x-credentials"));
        assertEquals(1, built.get());
        assertEquals(
                List.of("sluice/x-credentials", "sluice/x-credentials"), standIn.requestedIds(), "uncached by itself");
    }

    @Test
    void anUnknownSecretIsNotFoundAndNamed() {
        SecretNotFoundException e = assertThrows(
                SecretNotFoundException.class, () -> source(new AtomicInteger()).secret("nope"));
        assertEquals("secret 'nope' does not exist in Secrets Manager", e.getMessage());
    }

    @Test
    void aRefusalIsUnavailableWithTheErrorCodeOnly() {
        standIn.failWith("AccessDeniedException");
        SecretUnavailableException e = assertThrows(
                SecretUnavailableException.class,
                () -> source(new AtomicInteger()).secret("sluice/x-credentials"));
        assertFalse(e instanceof SecretNotFoundException);
        assertEquals(
                "secret 'sluice/x-credentials' could not be read from Secrets Manager: AccessDeniedException",
                e.getMessage());
    }

    @Test
    void anUnreachableServiceIsUnavailable() {
        standIn.close();
        SecretUnavailableException e = assertThrows(
                SecretUnavailableException.class,
                () -> source(new AtomicInteger()).secret("sluice/x-credentials"));
        assertTrue(
                e.getMessage().startsWith("secret 'sluice/x-credentials' could not be read from Secrets Manager: "),
                e.getMessage());
    }

    @Test
    void fromEnvironmentHonoursTheSdksServiceSpecificEndpointSetting() {
        // aws.endpointUrlSecretsManager is the system-property twin of AWS_ENDPOINT_URL_SECRETS_MANAGER; both are read
        // by the SDK.
        Map<String, String> properties = Map.of(
                "aws.endpointUrlSecretsManager",
                standIn.endpoint().toString(),
                "aws.region",
                "us-east-1",
                "aws.accessKeyId",
                "local",
                "aws.secretAccessKey",
                "local");
        Map<String, String> saved = new HashMap<>();
        properties.forEach((k, v) -> saved.put(k, System.getProperty(k)));
        try {
            properties.forEach(System::setProperty);
            assertEquals(VALUE, AwsSecretSource.fromEnvironment().secret("sluice/x-credentials"));
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
