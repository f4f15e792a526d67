package io.sluice.local.cli;

import io.sluice.catalogue.Catalogue;
import io.sluice.client.SluiceClient;
import io.sluice.local.LocalClients;
import io.sluice.local.LocalEndpoints;
import io.sluice.local.LocalOptions;
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
            description = "SQS to send to (default: $AWS_ENDPOINT_URL_SQS, else the running `sluice-local up`'s, else"
                    + " http://127.0.0.1:9324).")
    URI sqsEndpoint;

    @Option(
            names = "--scheduler-endpoint",
            paramLabel = "URL",
            description =
                    "EventBridge Scheduler for jobs due in more than 15 minutes (default: $AWS_ENDPOINT_URL_SCHEDULER,"
                            + " else the running `sluice-local up`'s, else http://127.0.0.1:9326).")
    URI schedulerEndpoint;

    @Option(
            names = "--dynamodb-endpoint",
            paramLabel = "URL",
            description = "DynamoDB holding the jobs table, where cancel records a cancellation (default:"
                    + " $AWS_ENDPOINT_URL_DYNAMODB, else the running `sluice-local up`'s, else"
                    + " http://127.0.0.1:8000).")
    URI dynamoDbEndpoint;

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

    /**
     * Runs {@code action} with a client on this jar's catalogue, then closes it. Failing to reach SQS or the
     * scheduler becomes one line saying which endpoints were tried and what to do.
     */
    <T> T call(java.util.function.Function<SluiceClient, T> action) {
        LocalEndpoints where = where();
        try (ProducerConnection connection = connect(where)) {
            return action.apply(connection.client());
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IllegalStateException(
                    "cannot reach SQS at " + where.sqs() + " or the scheduler at " + where.scheduler() + " ("
                            + RootCause.message(e)
                            + "); start `sluice-local up` or pass --sqs-endpoint / --scheduler-endpoint",
                    e);
        }
    }

    /** A client on this jar's catalogue; the caller closes it, which closes both AWS clients. */
    /** The endpoints: these options, then {@code AWS_ENDPOINT_URL*}, the running {@code up}'s state file, the defaults. */
    LocalEndpoints where() {
        java.util.Map<String, URI> explicit = new java.util.HashMap<>();
        if (sqsEndpoint != null) {
            explicit.put("sqs", sqsEndpoint);
        }
        if (schedulerEndpoint != null) {
            explicit.put("scheduler", schedulerEndpoint);
        }
        if (dynamoDbEndpoint != null) {
            explicit.put("dynamodb", dynamoDbEndpoint);
        }
        return LocalEndpoints.resolve(explicit, System.getenv());
    }

    private ProducerConnection connect(LocalEndpoints where) {
        SqsClient sqs = LocalClients.sqs(where.sqs(), region);
        SchedulerClient scheduler = localScheduler(where.scheduler(), region);
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb =
                LocalClients.dynamoDb(where.dynamoDb(), region, new io.sluice.moto.DynamoDbRequestCounter());
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

    /** A Scheduler client for sluice-local's emulator (or any endpoint taking the emulator's dummy credentials). */
    static SchedulerClient localScheduler(URI endpoint, String region) {
        return SchedulerClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
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
