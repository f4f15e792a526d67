package io.sluice.local;

import io.sluice.job.Priority;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.moto.RequestPriority;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients sluice-local, its commands, benches and tests build for a local endpoint: static {@code local}
 * credentials (the emulators accept any) and the URLConnection HTTP client the Lambda jars use, so a local program
 * talks to the emulators exactly as any other SDK program pointed at them with {@code --endpoint-url} would.
 */
public final class LocalClients {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalClients() {}

    /** An SQS client for an endpoint, as any other local program would build it. */
    public static SqsClient sqs(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A DynamoDB client for an endpoint, counting its requests. */
    public static DynamoDbClient dynamoDb(URI endpoint, String region, DynamoDbRequestCounter counter) {
        return dynamoDb(endpoint, region, counter, null);
    }

    /**
     * A DynamoDB client for an endpoint, counting its requests, that names {@code priority} on each (unless
     * {@code null}), so the local DynamoDB serves a high-priority queue's functions before a low-priority flood's
     * ({@link RequestPriority}).
     */
    static DynamoDbClient dynamoDb(URI endpoint, String region, DynamoDbRequestCounter counter, Priority priority) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    c.addExecutionInterceptor(counter);
                    if (priority != null) {
                        c.addExecutionInterceptor(new RequestPriority(priority.wireName()));
                    }
                })
                .build();
    }
}
