package io.sluice.infra.state;

import io.sluice.topology.TableSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The DynamoDB tables the runtime uses (job history and idempotency, rate-limit counters), built from the
 * {@link TableSpec}s their stores own, so the keys and indexes are the ones sluice-local creates: on-demand
 * billing, string keys, each index with its spec's projection, TTL on the spec's attribute, and point-in-time
 * recovery. With {@code retain} (the default for a stack) a table survives the stack's deletion and refuses to be
 * deleted by anyone until its deletion protection is turned off: job history is data, not infrastructure.
 */
public final class JobTables extends Construct {
    private final Map<String, Table> byName = new LinkedHashMap<>();

    public JobTables(Construct scope, String id, List<TableSpec> specs, boolean retain) {
        super(scope, id);
        for (TableSpec spec : specs) {
            Table table = Table.Builder.create(this, spec.name())
                    .tableName(spec.name())
                    .partitionKey(string(spec.partitionKey()))
                    .sortKey(spec.sortKey() == null ? null : string(spec.sortKey()))
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .timeToLiveAttribute(spec.timeToLiveAttribute())
                    .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                            .pointInTimeRecoveryEnabled(true)
                            .build())
                    .deletionProtection(retain)
                    .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                    .build();
            for (TableSpec.IndexSpec index : spec.indexes()) {
                table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                        .indexName(index.name())
                        .partitionKey(string(index.partitionKey()))
                        .sortKey(index.sortKey() == null ? null : string(index.sortKey()))
                        .projectionType(
                                ProjectionType.valueOf(index.projection().type().name()))
                        .nonKeyAttributes(
                                index.projection().nonKeyAttributes().isEmpty()
                                        ? null
                                        : index.projection().nonKeyAttributes())
                        .build());
            }
            byName.put(spec.name(), table);
        }
    }

    /** The table named {@code name}, or an error naming the tables there are. */
    public Table table(String name) {
        Table table = byName.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no table '" + name + "'; the tables are " + byName.keySet());
        }
        return table;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
