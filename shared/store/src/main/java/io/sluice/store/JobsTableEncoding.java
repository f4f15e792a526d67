package io.sluice.store;

import io.sluice.topology.JobsTable;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How the {@code <app>-jobs} table ({@link JobsTable}) spells keys, times and values, so that every write
 * and query of the store agrees on them: {@code JOB#<jobId>} and {@code KEY#<key>} partition keys, times
 * in a fixed-width UTC form whose string order is time order (they are sort keys of the indexes), and text
 * that is never empty.
 */
final class JobsTableEncoding {
    private JobsTableEncoding() {}

    /** The partition key value of a job's item. */
    static String jobPartition(String jobId) {
        return JobsTable.jobPartition(jobId);
    }

    /** The key of a job's item: its history (and, for the default key, its idempotency record). */
    static Map<String, AttributeValue> jobKey(String jobId) {
        return Map.of(JobsTable.PARTITION_KEY, text(jobPartition(jobId)));
    }

    /** The key of an explicit idempotency key's own item, shared by the jobs that use the key. */
    static Map<String, AttributeValue> idempotencyKey(String key) {
        return Map.of(JobsTable.PARTITION_KEY, text("KEY#" + key));
    }

    /** A time as the table stores it: {@code 2031-03-01T23:59:00.000Z}. */
    static String time(Instant instant) {
        return JobsTable.time(instant);
    }

    /**
     * A text attribute. {@code null} and the empty text are stored as {@code -}, as the store always has:
     * {@code null} is no DynamoDB value, and DynamoDB refuses an empty text in a key attribute of the table
     * or of an index.
     */
    static AttributeValue text(String value) {
        return AttributeValue.fromS(value == null || value.isEmpty() ? "-" : value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A text attribute of an item as DynamoDB returned it, {@code null} if absent. */
    static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    /** A number attribute of an item as DynamoDB returned it, 0 if absent. */
    static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
