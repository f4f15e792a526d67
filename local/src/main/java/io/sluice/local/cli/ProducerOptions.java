package io.sluice.local.cli;

import io.sluice.catalogue.Catalogue;
import io.sluice.client.SluiceClient;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where a running sluice-local (or any SQS and EventBridge Scheduler) is, for the commands that act as a
 * producer: they build the same {@link SluiceClient} a Java service would, pointed at these endpoints.
 */
public final class ProducerOptions {
    /** The role sluice-local's scheduler is given; it checks that one is set, as Scheduler does, and assumes nothing. */
    static final String LOCAL_SCHEDULER_ROLE = "arn:aws:iam::000000000000:role/sluice-local-scheduler";
    /** The port of sluice-local's EventBridge Scheduler emulator. */
    static final int DEFAULT_SCHEDULER_PORT = LocalOptions.DEFAULT_SCHEDULER_PORT;

    @Option(
            names = "--sqs-endpoint",
            paramLabel = "URL",
            description = "SQS to send to (default: ${DEFAULT-VALUE}, the one `sluice-local up` starts).")
    URI sqsEndpoint = URI.create("http://127.0.0.1:" + LocalOptions.DEFAULT_SQS_PORT);

    @Option(
            names = "--scheduler-endpoint",
            paramLabel = "URL",
            description =
                    "EventBridge Scheduler for jobs due in more than 15 minutes (default: ${DEFAULT-VALUE}, sluice-local's).")
    URI schedulerEndpoint = URI.create("http://127.0.0.1:" + DEFAULT_SCHEDULER_PORT);

    @Option(
            names = "--dynamodb-endpoint",
            paramLabel = "URL",
            description =
                    "DynamoDB holding the jobs table, where cancel records a cancellation (default: ${DEFAULT-VALUE}, sluice-local's).")
    URI dynamoDbEndpoint = URI.create("http://127.0.0.1:" + LocalOptions.DEFAULT_DYNAMODB_PORT);

    @Option(
            names = "--app",
            paramLabel = "NAME",
            description = "Application name: queue prefix and schedule group (default: ${DEFAULT-VALUE}).")
    String app = "sluice";

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "Region to sign requests for (default: ${DEFAULT-VALUE}).")
    String region = LocalOptions.defaults().region();

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    /**
     * Runs {@code action} with a client on this jar's catalogue, then closes it. Failing to reach SQS or the
     * scheduler becomes one line saying which endpoints were tried and what to do.
     */
    <T> T call(java.util.function.Function<SluiceClient, T> action) {
        try (ProducerConnection connection = connect()) {
            return action.apply(connection.client());
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IllegalStateException(
                    "cannot reach SQS at " + sqsEndpoint + " or the scheduler at " + schedulerEndpoint + " ("
                            + RootCause.message(e)
                            + "); start `sluice-local up` or pass --sqs-endpoint / --scheduler-endpoint",
                    e);
        }
    }

    /** A client on this jar's catalogue; the caller closes it, which closes both AWS clients. */
    private ProducerConnection connect() {
        SqsClient sqs = LocalRuntime.sqsClient(sqsEndpoint, region);
        SchedulerClient scheduler = SchedulerClient.builder()
                .endpointOverride(schedulerEndpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb =
                LocalRuntime.dynamoDbClient(dynamoDbEndpoint, region, new io.sluice.moto.DynamoDbRequestCounter());
        SluiceClient client = SluiceClient.builder()
                .app(app)
                .catalogue(Catalogue.load())
                .sqs(sqs)
                .scheduler(scheduler)
                .dynamoDb(dynamoDb)
                .schedulerRoleArn(LOCAL_SCHEDULER_ROLE)
                .build();
        return new ProducerConnection(client, sqs, scheduler, dynamoDb);
    }

    /** The client and the AWS clients under it, closed together. */
    record ProducerConnection(
            SluiceClient client,
            SqsClient sqs,
            SchedulerClient scheduler,
            software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb)
            implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            sqs.close();
            scheduler.close();
            dynamoDb.close();
        }
    }
}
