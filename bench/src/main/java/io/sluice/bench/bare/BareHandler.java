package io.sluice.bench.bare;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The baseline Sluice's cold start is measured against: the honest minimum of an SQS job handler with job state, as a
 * team would write it by hand. SDK v2 SQS and DynamoDB clients on the URLConnection client, built at init (SQS is what
 * such a handler needs for retries and dead letters, so it is paid for even when a batch does not use it), Jackson for
 * the body, and per message one conditional claim and one completion write. It has no retries, no history, no rate
 * limits, no metrics and no validation: it is the floor, not a competitor. Configured by {@code BARE_TABLE} (a table
 * keyed by the string {@code id}) and the SDK's own {@code AWS_*} variables.
 */
public final class BareHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ObjectMapper json = new ObjectMapper();
    private final DynamoDbClient dynamoDb;
    private final String table;

    @SuppressWarnings("unused") // built at init as a real handler's would be; the happy path does not call it
    private final SqsClient sqs;

    public BareHandler() {
        this.table = System.getenv().getOrDefault("BARE_TABLE", "bare-jobs");
        this.sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofSeconds(3)))
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        c -> c.apiCallTimeout(Duration.ofSeconds(10)).apiCallAttemptTimeout(Duration.ofSeconds(3)))
                .build();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                handle(message);
            } catch (Exception e) {
                context.getLogger().log("message " + message.getMessageId() + " failed: " + e + "\n");
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void handle(SQSEvent.SQSMessage message) throws Exception {
        JsonNode body = json.readTree(message.getBody());
        String jobId = body.path("jobId").asText(message.getMessageId());
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(jobId));
        try {
            dynamoDb.updateItem(r -> r.tableName(table)
                    .key(key)
                    .updateExpression("SET #s = :running, claimedAt = :now")
                    .conditionExpression("attribute_not_exists(id)")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(
                            ":running", AttributeValue.fromS("running"),
                            ":now", AttributeValue.fromS(Instant.now().toString()))));
        } catch (ConditionalCheckFailedException duplicate) {
            return; // claimed before: a duplicate delivery
        }
        dynamoDb.updateItem(r -> r.tableName(table)
                .key(key)
                .updateExpression("SET #s = :succeeded, finishedAt = :now")
                .conditionExpression("#s = :running")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(
                        ":running", AttributeValue.fromS("running"),
                        ":succeeded", AttributeValue.fromS("succeeded"),
                        ":now", AttributeValue.fromS(Instant.now().toString()))));
    }
}
