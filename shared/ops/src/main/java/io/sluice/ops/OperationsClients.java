package io.sluice.ops;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS clients the operations use: SQS (depths, dead letters, redrive), Lambda (the event source mappings
 * that pause and resume consumption), EventBridge Scheduler (schedules paused with their type), DynamoDB (job
 * history, cancellation and discard records) and CloudWatch (the functions' executions and the queues' oldest
 * message age in {@code status}). {@link #fromEnvironment()} builds them the way the SDK builds any
 * client: default credential chain, region, and the standard endpoint settings ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_LAMBDA}, ...), so the same code reaches AWS, sluice-local
 * or LocalStack. Whoever builds them closes them.
 */
public record OperationsClients(
        SqsClient sqs,
        LambdaClient lambda,
        SchedulerClient scheduler,
        DynamoDbClient dynamoDb,
        CloudWatchClient cloudWatch)
        implements AutoCloseable {

    /** Clients from the SDK's defaults, on the JDK's URLConnection HTTP client (no Netty, no Apache). */
    public static OperationsClients fromEnvironment() {
        return new OperationsClients(
                SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                LambdaClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                SchedulerClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                CloudWatchClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build());
    }

    @Override
    public void close() {
        sqs.close();
        lambda.close();
        scheduler.close();
        dynamoDb.close();
        cloudWatch.close();
    }
}
