package io.sluice.store;

import io.sluice.topology.TableSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** A real DynamoDB Local, in memory, on a free loopback port, for store tests. */
final class DynamoDbLocalFixture implements AutoCloseable {
    private final DynamoDBProxyServer server;
    final URI endpoint;

    private DynamoDbLocalFixture(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static DynamoDbLocalFixture start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
        return new DynamoDbLocalFixture(server, URI.create("http://127.0.0.1:" + port));
    }

    DynamoDbClient client(ExecutionInterceptor... interceptors) {
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

    /** Creates a table as the topology describes it. */
    static void create(DynamoDbClient client, TableSpec spec) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        java.util.function.Consumer<String> define = name -> {
            if (name != null && !seen.contains(name)) {
                seen.add(name);
                attributes.add(AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build());
            }
        };
        define.accept(spec.partitionKey());
        define.accept(spec.sortKey());
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            define.accept(index.partitionKey());
            define.accept(index.sortKey());
            List<KeySchemaElement> keys = new ArrayList<>();
            keys.add(KeySchemaElement.builder().attributeName(index.partitionKey()).keyType(KeyType.HASH).build());
            if (index.sortKey() != null) {
                keys.add(KeySchemaElement.builder().attributeName(index.sortKey()).keyType(KeyType.RANGE).build());
            }
            indexes.add(GlobalSecondaryIndex.builder().indexName(index.name()).keySchema(keys)
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
        }
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(spec.partitionKey()).keyType(KeyType.HASH).build());
        if (spec.sortKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(spec.sortKey()).keyType(KeyType.RANGE).build());
        }
        client.createTable(r -> {
            r.tableName(spec.name()).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(attributes).keySchema(keys);
            if (!indexes.isEmpty()) {
                r.globalSecondaryIndexes(indexes);
            }
        });
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
