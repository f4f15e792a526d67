package io.sluice.client;

import io.sluice.lazy.Lazy;
import io.sluice.topology.JobsTable;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The cancellation record of a job that has not started: its history item in the jobs table, in state
 * {@code cancelled}, written only if the job is unknown to the table or waiting (received, retrying, deferred).
 * The function's claim refuses a cancelled job, so its message, queued or delayed in SQS (which cannot delete a
 * message before it is received), is acknowledged unrun when it arrives. The write is one conditional
 * {@code UpdateItem}; DynamoDB applies it only if the condition holds on the item as it is, atomically, so a job
 * that starts at the same moment is either cancelled or running, never both.
 */
final class JobCancellation {
    /** What happened to the request. */
    enum Result {
        /** The job will not run. */
        CANCELLED,
        /** The job is running or already ended; nothing was changed. */
        TOO_LATE
    }

    private final Lazy<DynamoDbClient> dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final long retentionSeconds;

    JobCancellation(Lazy<DynamoDbClient> dynamoDb, String tableName, Clock clock, java.time.Duration retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
        this.retentionSeconds = retention.toSeconds();
    }

    Result cancel(String jobId) {
        Instant now = clock.instant();
        try {
            dynamoDb.get()
                    .updateItem(r -> r.tableName(tableName)
                            .key(Map.of(JobsTable.PARTITION_KEY, AttributeValue.fromS(JobsTable.jobPartition(jobId))))
                            // Out of the byState index: it no longer waits in the state it was listed under (the
                            // client knows neither type nor priority to list it as cancelled; it is found by id).
                            .updateExpression("SET #state = :cancelled, jobId = :jobId, finishedAt = :now, "
                                    + JobsTable.TTL_ATTRIBUTE + " = :expires REMOVE " + JobsTable.STATE_SHARD + ", "
                                    + JobsTable.STATE_AT + ", runAt")
                            .conditionExpression(
                                    "attribute_not_exists(pk) OR #state IN (:received, :retrying, :deferred)")
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(Map.of(
                                    ":cancelled", AttributeValue.fromS("cancelled"),
                                    ":jobId", AttributeValue.fromS(jobId),
                                    ":now", AttributeValue.fromS(JobsTable.time(now)),
                                    ":expires",
                                            AttributeValue.fromN(
                                                    Long.toString(now.getEpochSecond() + retentionSeconds)),
                                    ":received", AttributeValue.fromS("received"),
                                    ":retrying", AttributeValue.fromS("retrying"),
                                    ":deferred", AttributeValue.fromS("deferred"))));
            return Result.CANCELLED;
        } catch (ConditionalCheckFailedException e) {
            return Result.TOO_LATE;
        }
    }
}
