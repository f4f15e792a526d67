package io.sluice.local.emulator;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An embedded ElasticMQ speaking the SQS API (JSON and query protocols) on loopback. Queue URLs and ARNs
 * it hands out name the real host, port, region and account, so the AWS CLI and SDKs can use them as is.
 */
public final class ElasticMqServer implements AutoCloseable {
    /** The account id queue ARNs carry locally, the same one LocalStack uses. */
    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMqServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts ElasticMQ on {@code host:port}; fails if the port is taken. */
    public static ElasticMqServer start(String host, int port, String region) {
        SQSRestServer server = SQSRestServerBuilder.withInterface(host)
                .withPort(port)
                .withServerAddress(new NodeAddress("http", host, port, ""))
                .withAWSRegion(region)
                .withAWSAccountId(ACCOUNT_ID)
                .start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException e) {
            server.stopAndWait();
            throw new IllegalStateException(
                    "ElasticMQ could not listen on " + host + ":" + port + " (" + e.getMessage()
                            + "); is another SQS emulator running? Pick another port with --sqs-port or use it with --sqs-endpoint",
                    e);
        }
        return new ElasticMqServer(server, URI.create("http://" + host + ":" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
