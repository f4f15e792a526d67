package io.sluice.topology;

import java.util.List;
import java.util.Objects;

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

    /** The index named {@code name}, or an error naming the indexes there are. */
    public IndexSpec index(String name) {
        return indexes.stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + this.name + " has no index '" + name
                        + "'; its indexes are "
                        + indexes.stream().map(IndexSpec::name).toList()));
    }

    /**
     * A global secondary index with string keys.
     *
     * @param sortKey the index's sort key attribute, or {@code null}
     * @param projection which attributes an index entry copies from its item: an index entry's write costs the
     *     entry's size, so an index that copies only what its queries filter on costs one write unit per change
     *     whatever the item's size
     */
    public record IndexSpec(String name, String partitionKey, String sortKey, Projection projection) {
        public IndexSpec {
            Objects.requireNonNull(projection, "projection");
        }

        /** An index that projects every attribute. */
        public IndexSpec(String name, String partitionKey, String sortKey) {
            this(name, partitionKey, sortKey, Projection.all());
        }
    }

    /**
     * What an index entry holds besides the table's and the index's keys (DynamoDB's {@code Projection}).
     *
     * @param nonKeyAttributes for {@link ProjectionType#INCLUDE}, the attributes copied; empty otherwise
     */
    public record Projection(ProjectionType type, List<String> nonKeyAttributes) {
        public Projection {
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
            if ((type == ProjectionType.INCLUDE) == nonKeyAttributes.isEmpty()) {
                throw new IllegalArgumentException("an INCLUDE projection names its attributes, and only it does: "
                        + type + " " + nonKeyAttributes);
            }
        }

        public static Projection all() {
            return new Projection(ProjectionType.ALL, List.of());
        }

        public static Projection keysOnly() {
            return new Projection(ProjectionType.KEYS_ONLY, List.of());
        }

        public static Projection include(String... attributes) {
            return new Projection(ProjectionType.INCLUDE, List.of(attributes));
        }

        /** Whether an index entry holds {@code attribute}, a non-key attribute of the item. */
        public boolean projects(String attribute) {
            return type == ProjectionType.ALL || nonKeyAttributes.contains(attribute);
        }
    }

    /** DynamoDB's projection types. */
    public enum ProjectionType {
        ALL,
        KEYS_ONLY,
        INCLUDE
    }
}
