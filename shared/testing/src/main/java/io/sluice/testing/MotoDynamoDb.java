package io.sluice.testing;

import io.sluice.moto.MotoOptions;
import io.sluice.moto.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB API for a test class: one moto server per test JVM (started by the first class that asks, ended
 * with the JVM), emptied with moto's reset API before each class, and a client built the way Sluice builds its own
 * (URLConnection HTTP client, static credentials). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final MotoDynamoDb dynamoDb = new MotoDynamoDb();
 * }</pre>
 *
 * <p>Its {@code beforeAll} runs before the class's own {@code @BeforeAll} methods, so those may create tables. Test
 * classes of one JVM run one after another (Surefire's default), which the reset relies on.
 */
public final class MotoDynamoDb implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoDynamoDb.class);

    private MotoServer server;
    private final List<DynamoDbClient> clients = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives as long as the test JVM's engine and closes its AutoCloseable values at the end.
        server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        MotoServer.class, key -> MotoServer.start(MotoOptions.onPort(0)), MotoServer.class);
        reset(server.endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        clients.forEach(DynamoDbClient::close);
        clients.clear();
    }

    /** The server's endpoint, for example to hand to sluice-local as {@code --dynamodb-endpoint}. */
    public URI endpoint() {
        requireStarted();
        return server.endpoint();
    }

    /** A client for the server, closed after the class. */
    public DynamoDbClient client() {
        return client(new ExecutionInterceptor[0]);
    }

    /** A client with interceptors (for example a request counter), closed after the class. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        requireStarted();
        DynamoDbClient client = clientFor(server.endpoint(), interceptors);
        clients.add(client);
        return client;
    }

    /** A client for any DynamoDB endpoint, built as Sluice builds its own; the caller closes it. */
    public static DynamoDbClient clientFor(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException(
                    "MotoDynamoDb is used before its beforeAll: register it with @RegisterExtension on a static field");
        }
    }

    /** moto's own reset API: every table of every account and region is gone. */
    private static void reset(URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "moto's reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not reset moto at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }
}
