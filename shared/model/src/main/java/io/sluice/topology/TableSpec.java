package io.sluice.topology;

import java.util.List;

/**
 * A DynamoDB table the runtime uses, as sluice-local and the CDK app create it: on-demand, string keys,
 * optional TTL attribute. The stores that read and write a table own its spec, so the key design lives
 * next to the queries that depend on it.
 *
 * @param sortKey the sort key attribute, or {@code null} for a partition key only
 * @param timeToLiveAttribute the epoch-seconds attribute DynamoDB expires items by, or {@code null}
 */
public record TableSpec(
        String name, String partitionKey, String sortKey, List<IndexSpec> indexes, String timeToLiveAttribute) {
    public TableSpec {
        indexes = List.copyOf(indexes);
    }

    /**
     * A global secondary index with string keys and all attributes projected.
     *
     * @param sortKey the index's sort key attribute, or {@code null}
     */
    public record IndexSpec(String name, String partitionKey, String sortKey) {}
}
