package io.sluice.local.bench;

import io.sluice.local.LocalClients;
import io.sluice.local.LocalOptions;
import io.sluice.local.LocalRuntime;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.Rehearsal;
import io.sluice.runtime.RehearsalGuard;
import io.sluice.runtime.SqsQueueOperations;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the priming hook did when run once in-process on a webhook function with Lambda's guarded clients, against
 * the same moto and ElasticMQ: the tables' items before and after, the requests that reached moto, the requests
 * the guards stopped before transmission, and the rehearsal's outcome.
 */
public record PrimingTrace(
        long itemsBefore, long itemsAfter, long sentWrites, long sentReads, long stopped, String outcome) {
    void print(PrintWriter out) {
        out.printf("  %-40s %,d before, %,d after%n", "items in the job tables", itemsBefore, itemsAfter);
        out.printf("  %-40s %d writes, %d reads%n", "DynamoDB requests sent while priming", sentWrites, sentReads);
        out.printf("  %-40s %d (rehearsal outcome: %s)%n", "AWS requests stopped before sending", stopped, outcome);
    }

    /** Runs the priming hook once on a new webhook function with guarded clients, as {@link PrimingTrace} says. */
    static PrimingTrace measure(LocalRuntime runtime, LocalOptions options) {
        DynamoDbRequestCounter sent = new DynamoDbRequestCounter();
        RehearsalGuard dynamoGuard = new RehearsalGuard();
        RehearsalGuard sqsGuard = new RehearsalGuard();
        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider local =
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local"));
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(runtime.dynamoDbEndpoint())
                        .region(software.amazon.awssdk.regions.Region.of(options.region()))
                        .credentialsProvider(local)
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        // The guard first: the counter then sees only what is really sent.
                        .overrideConfiguration(
                                c -> c.addExecutionInterceptor(dynamoGuard).addExecutionInterceptor(sent))
                        .build();
                SqsClient sqs = SqsClient.builder()
                        .endpointOverride(runtime.sqsEndpoint())
                        .region(software.amazon.awssdk.regions.Region.of(options.region()))
                        .credentialsProvider(local)
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .overrideConfiguration(c -> c.addExecutionInterceptor(sqsGuard))
                        .build();
                DynamoDbClient counting = LocalClients.dynamoDb(
                        runtime.dynamoDbEndpoint(), options.region(), new DynamoDbRequestCounter())) {
            Map<String, String> environment = new HashMap<>();
            environment.put(SluiceEnvironment.JOB_TYPE, "webhook");
            environment.put(SluiceEnvironment.APP, options.app());
            environment.put(SluiceEnvironment.METRICS, "on");
            environment.put("SLUICE_WEBHOOK_ALLOW_HOSTS", "loopback");
            environment.put("SLUICE_WEBHOOK_SECRET", "coldstart-bench");
            long before = items(counting, options);
            Rehearsal.Report report;
            try (JobFunction function =
                    JobFunction.from(environment, JobFunction.Clients.of(new SqsQueueOperations(sqs), dynamoDb))) {
                report = function.prime();
                function.restored();
            }
            return new PrimingTrace(
                    before,
                    items(counting, options),
                    sent.writes(),
                    sent.reads(),
                    report.requestsStopped(),
                    report.outcome());
        }
    }

    private static long items(DynamoDbClient dynamoDb, LocalOptions options) {
        return dynamoDb.scan(r -> r.tableName(JobsTable.name(options.app()))).count()
                + dynamoDb.scan(r -> r.tableName(RateLimitTable.name(options.app())))
                        .count();
    }
}
