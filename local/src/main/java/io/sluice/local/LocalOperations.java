package io.sluice.local;

import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The operations library pointed at a sluice-local: its SQS, DynamoDB, EventBridge Scheduler emulator, and the Lambda
 * API over its event source mappings and the CloudWatch API over its pollers, with the local credentials every emulator accepts. The same
 * {@link SluiceOperations} runs against AWS with {@link OperationsClients#fromEnvironment()}.
 */
public final class LocalOperations {
    /** The role sluice-local's scheduler is given for run-at jobs; it checks one is set, as Scheduler does. */
    public static final String SCHEDULER_ROLE = "arn:aws:iam::000000000000:role/sluice-local-scheduler";

    private LocalOperations() {}

    /** Clients for the four endpoints; the caller closes them. */
    public static OperationsClients clients(
            URI sqs, URI dynamoDb, URI scheduler, URI lambda, URI cloudWatch, String region) {
        StaticCredentialsProvider local =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        return new OperationsClients(
                LocalClients.sqs(sqs, region),
                LambdaClient.builder()
                        .endpointOverride(lambda)
                        .region(Region.of(region))
                        .credentialsProvider(local)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                SchedulerClient.builder()
                        .endpointOverride(scheduler)
                        .region(Region.of(region))
                        .credentialsProvider(local)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                LocalClients.dynamoDb(dynamoDb, region, new io.sluice.moto.DynamoDbRequestCounter()),
                CloudWatchClient.builder()
                        .endpointOverride(cloudWatch)
                        .region(Region.of(region))
                        .credentialsProvider(local)
                        .httpClient(UrlConnectionHttpClient.create())
                        .build());
    }

    /** Clients for a runtime in this process; its Lambda API is started on any free port if it is not yet. */
    public static OperationsClients clients(LocalRuntime runtime) {
        URI lambda = runtime.lambdaEndpoint() != null ? runtime.lambdaEndpoint() : runtime.startLambdaApi(0);
        URI cloudWatch =
                runtime.cloudWatchEndpoint() != null ? runtime.cloudWatchEndpoint() : runtime.startCloudWatchApi(0);
        return clients(
                runtime.sqsEndpoint(),
                runtime.dynamoDbEndpoint(),
                runtime.scheduler().endpoint(),
                lambda,
                cloudWatch,
                runtime.region());
    }

    /** The operations on a runtime in this process, with its catalogue (overrides applied). */
    public static SluiceOperations of(LocalRuntime runtime, OperationsClients clients) {
        return SluiceOperations.builder()
                .app(runtime.app())
                .catalogue(runtime.catalogue())
                .clients(clients)
                .schedulerRoleArn(SCHEDULER_ROLE)
                .build();
    }
}
