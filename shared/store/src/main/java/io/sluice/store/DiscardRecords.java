package io.sluice.store;

import io.sluice.topology.JobsTable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The history record of an operator discarding a dead letter: {@code discardedAt} and {@code discardNote} on the
 * job's own {@code JOB#<id>} item, one conditional {@code UpdateItem} that touches nothing else (state, keys and
 * indexes stay as the runtime wrote them, so the job still lists as dead-lettered, now marked discarded). The
 * condition {@code attribute_exists(pk)} keeps a discard of a job the table does not know (history expired, body
 * never parsed) from creating a stray item without type or state. The operations library writes it before it deletes
 * the message, so a failed write leaves the dead letter in its queue.
 */
public final class DiscardRecords {
    /** Attribute names on the job item. */
    public static final String DISCARDED_AT = "discardedAt";

    public static final String DISCARD_NOTE = "discardNote";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DiscardRecords(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Records the discard of {@code jobId}'s dead letter.
     *
     * @param note why, in the operator's words (at most 256 characters are kept)
     * @return {@code false} when the table has no history of the job, so nothing was written
     */
    public boolean record(String jobId, Instant at, String note) {
        String given = note == null || note.isBlank() ? "discarded by an operator" : note.strip();
        String kept = given.length() > 256 ? given.substring(0, 256) : given;
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(key(jobId))
                    .updateExpression("SET " + DISCARDED_AT + " = :at, " + DISCARD_NOTE + " = :note")
                    .conditionExpression("attribute_exists(" + JobsTable.PARTITION_KEY + ")")
                    .expressionAttributeValues(Map.of(
                            ":at", AttributeValue.fromS(JobsTable.time(at)), ":note", AttributeValue.fromS(kept))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** When {@code jobId}'s dead letter was discarded, if it was. */
    public Optional<Instant> discardedAt(String jobId) {
        GetItemResponse item = dynamoDb.getItem(r -> r.tableName(tableName)
                .key(key(jobId))
                .projectionExpression(DISCARDED_AT)
                .consistentRead(true));
        AttributeValue at = item.hasItem() ? item.item().get(DISCARDED_AT) : null;
        return at == null ? Optional.empty() : Optional.of(Instant.parse(at.s()));
    }

    private static Map<String, AttributeValue> key(String jobId) {
        return Map.of(JobsTable.PARTITION_KEY, AttributeValue.fromS(JobsTable.jobPartition(jobId)));
    }
}
