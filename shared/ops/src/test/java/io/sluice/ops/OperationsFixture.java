package io.sluice.ops;

import io.sluice.envelope.DeadLetterReason;
import io.sluice.testing.LocalSqs;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real SQS (ElasticMQ) and DynamoDB (moto) the operations' tests run against, and dead letters written the way the
 * runtime writes them. Lambda, Scheduler and CloudWatch clients point at a loopback port nothing listens on: these tests do not
 * use them (pause and resume are tested in sluice-local, against its emulated event source mappings).
 */
final class OperationsFixture {
    static final URI NOTHING = URI.create("http://127.0.0.1:9");

    private OperationsFixture() {}

    static SqsClient sqs(LocalSqs local, ExecutionInterceptor... interceptors) {
        URI endpoint =
                local.client().serviceClientConfiguration().endpointOverride().orElseThrow();
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    static OperationsClients clients(SqsClient sqs, DynamoDbClient dynamoDb) {
        return new OperationsClients(
                sqs,
                LambdaClient.builder()
                        .endpointOverride(NOTHING)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                SchedulerClient.builder()
                        .endpointOverride(NOTHING)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                dynamoDb,
                software.amazon.awssdk.services.cloudwatch.CloudWatchClient.builder()
                        .endpointOverride(NOTHING)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build());
    }

    /** A dead letter as {@code SqsQueueOperations.deadLetter} sends it: the body unchanged, the reason in attributes. */
    static void deadLetter(SqsClient sqs, String dlqUrl, String body, String reason, int attempts) {
        sqs.sendMessage(r -> r.queueUrl(dlqUrl)
                .messageBody(body)
                .messageAttributes(Map.of(
                        DeadLetterReason.ATTRIBUTE,
                        text(reason),
                        DeadLetterReason.DETAIL_ATTRIBUTE,
                        text(reason + ": detail"),
                        DeadLetterReason.ATTEMPTS_ATTRIBUTE,
                        MessageAttributeValue.builder()
                                .dataType("Number")
                                .stringValue(Integer.toString(attempts))
                                .build(),
                        "producer-trace",
                        text("trace-1"))));
    }

    static String envelope(String jobId, int attempt) {
        return "{\"specVersion\":\"1\",\"jobId\":\"" + jobId + "\",\"type\":\"report\",\"priority\":\"normal\","
                + "\"payload\":{\"report\":\"sales\"},\"attempt\":" + attempt + "}";
    }

    static long depth(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url)
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static long visible(SqsClient sqs, String url) {
        return Long.parseLong(sqs.getQueueAttributes(
                        r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
