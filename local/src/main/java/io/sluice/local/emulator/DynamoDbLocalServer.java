package io.sluice.local.emulator;

import java.net.URI;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * An embedded DynamoDB Local on loopback, in memory unless a data directory is given, with telemetry off
 * (it would otherwise try to reach the internet from a developer's laptop or CI).
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDirectory where tables persist, or {@code null} for in-memory
     */
    public static DynamoDbLocalServer start(String host, int port, String dataDirectory) {
        try {
            String[] args = dataDirectory == null
                    ? new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"}
                    : new String[] {"-dbPath", dataDirectory, "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"};
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new DynamoDbLocalServer(server, URI.create("http://" + host + ":" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start on port " + port + " (" + e.getMessage()
                    + "); pick another port with --dynamodb-port or use a running one with --dynamodb-endpoint", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
