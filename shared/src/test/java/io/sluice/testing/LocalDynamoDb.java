package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * A real DynamoDB (DynamoDB Local), in memory, in this JVM, on a free loopback port, with telemetry off; and a
 * client for it built the way Sluice builds its own (URLConnection HTTP client). Start one per test class.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final DynamoDbClient client;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, DynamoDbClient client, URI endpoint) {
        this.server = server;
        this.client = client;
        this.endpoint = endpoint;
    }

    public static LocalDynamoDb start() {
        int port = freePort();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            return new LocalDynamoDb(server, client(endpoint), endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start on port " + port, e);
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    /** Another client for the same server, with interceptors (for example a request counter); close it yourself. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(endpoint, interceptors);
    }

    private static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
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

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
