package io.sluice.local.cli;

import io.sluice.catalogue.Catalogue;
import io.sluice.local.LocalEndpoints;
import io.sluice.local.LocalOperations;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the operator commands act: sluice-local by default (found through {@link LocalEndpoints}: options, the
 * SDK's {@code AWS_ENDPOINT_URL*} settings, the running {@code up}'s state file, the default ports), or AWS with
 * {@code --aws} or {@code --profile} (the SDK's default credential chain and region, or the profile's). Every
 * command builds the same {@link SluiceOperations}; only the clients differ.
 */
public final class OperatorOptions {
    @Option(
            names = "--aws",
            description =
                    "Act on the app deployed to AWS (default credential chain and region) instead of sluice-local.")
    boolean aws;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "AWS profile for credentials and region; implies --aws.")
    String profile;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "AWS region (default: the SDK's, or us-east-1 for sluice-local).")
    String region;

    @Option(
            names = "--app",
            paramLabel = "NAME",
            description = "Application name the stack or sluice-local runs with (default: $SLUICE_APP or sluice).")
    String app;

    @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "sluice-local's SQS, if not found by itself.")
    URI sqsEndpoint;

    @Option(
            names = "--dynamodb-endpoint",
            paramLabel = "URL",
            description = "sluice-local's DynamoDB, if not found by itself.")
    URI dynamoDbEndpoint;

    @Option(
            names = "--scheduler-endpoint",
            paramLabel = "URL",
            description = "sluice-local's Scheduler, if not found by itself.")
    URI schedulerEndpoint;

    @Option(
            names = "--lambda-endpoint",
            paramLabel = "URL",
            description = "sluice-local's Lambda API (event source mappings), if not found by itself.")
    URI lambdaEndpoint;

    @Option(
            names = "--cloudwatch-endpoint",
            paramLabel = "URL",
            description = "sluice-local's CloudWatch API, if not found by itself.")
    URI cloudWatchEndpoint;

    /** Runs {@code action} with operations on fresh clients, then closes them; unreachable endpoints become one line. */
    <T> T run(Function<SluiceOperations, T> action) {
        String target = aws || profile != null ? "AWS" : null;
        LocalEndpoints local = null;
        OperationsClients clients;
        if (target != null) {
            clients = awsClients();
        } else {
            Map<String, URI> explicit = new HashMap<>();
            put(explicit, "sqs", sqsEndpoint);
            put(explicit, "dynamodb", dynamoDbEndpoint);
            put(explicit, "scheduler", schedulerEndpoint);
            put(explicit, "lambda", lambdaEndpoint);
            put(explicit, "cloudwatch", cloudWatchEndpoint);
            local = LocalEndpoints.resolve(explicit, System.getenv());
            clients = LocalOperations.clients(
                    local.sqs(),
                    local.dynamoDb(),
                    local.scheduler(),
                    local.lambda(),
                    local.cloudWatch(),
                    region == null ? "us-east-1" : region);
            target = "sluice-local at " + local.sqs() + " (" + local.source() + ")";
        }
        try (clients) {
            SluiceOperations.Builder builder = SluiceOperations.builder().catalogue(Catalogue.load());
            String appName = app != null ? app : System.getenv("SLUICE_APP");
            if (appName != null && !appName.isBlank()) {
                builder.app(appName.trim());
            }
            if (local != null) {
                builder.schedulerRoleArn(LocalOperations.SCHEDULER_ROLE);
            }
            return action.apply(builder.clients(clients).build());
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "cannot reach " + target + " (" + RootCause.message(e) + "); "
                            + (local != null
                                    ? "start `sluice-local up`, or use --aws for the deployed app"
                                    : "check your network, credentials and --region"),
                    e);
        } catch (AwsServiceException e) {
            throw new IllegalStateException(
                    target + " refused the request: " + e.awsErrorDetails().serviceName() + " "
                            + e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage()
                            + (e.statusCode() == 403 ? " (attach the viewer or operator policy to your identity)" : ""),
                    e);
        }
    }

    private OperationsClients awsClients() {
        AwsCredentialsProvider credentials = profile != null
                ? ProfileCredentialsProvider.create(profile)
                : DefaultCredentialsProvider.builder().build();
        Region chosen = region != null ? Region.of(region) : null;
        return new OperationsClients(
                configure(SqsClient.builder(), credentials, chosen).build(),
                configure(LambdaClient.builder(), credentials, chosen).build(),
                configure(SchedulerClient.builder(), credentials, chosen).build(),
                configure(DynamoDbClient.builder(), credentials, chosen).build(),
                configure(software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder(), credentials, chosen)
                        .build());
    }

    private <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
                                    & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>>
            B configure(B builder, AwsCredentialsProvider credentials, Region chosen) {
        builder.credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create());
        if (chosen != null) {
            builder.region(chosen);
        }
        return builder;
    }

    private static void put(Map<String, URI> map, String key, URI value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
