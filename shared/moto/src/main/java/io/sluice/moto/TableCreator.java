package io.sluice.moto;

import io.sluice.topology.TableSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the tables of a {@link TableSpec} through the DynamoDB API, for sluice-local and tests (on AWS the
 * CDK app creates them): on-demand billing, string keys, each index with its spec's projection, and TTL on the
 * spec's attribute. Creating a table that exists is not an error, so a runtime with a persistent data directory
 * can call it on every start; an existing table gets the spec's indexes it lacks, and is not otherwise compared with
 * the spec.
 */
public final class TableCreator {
    private final DynamoDbClient dynamoDb;

    public TableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    }

    /**
     * Creates the table unless it exists, waits until it is active, and enables its TTL if the spec names one
     * and it is not enabled yet.
     *
     * @return whether the table was created by this call
     */
    public boolean createIfMissing(TableSpec spec) {
        boolean created;
        try {
            dynamoDb.createTable(request(spec));
            created = true;
        } catch (ResourceInUseException exists) {
            created = false;
        }
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb).build()) {
            waiter.waitUntilTableExists(b -> b.tableName(spec.name()));
        }
        if (!created) {
            addMissingIndexes(spec);
        }
        if (spec.timeToLiveAttribute() != null) {
            TimeToLiveStatus status = dynamoDb.describeTimeToLive(b -> b.tableName(spec.name()))
                    .timeToLiveDescription()
                    .timeToLiveStatus();
            if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
                dynamoDb.updateTimeToLive(b -> b.tableName(spec.name())
                        .timeToLiveSpecification(
                                t -> t.attributeName(spec.timeToLiveAttribute()).enabled(true)));
            }
        }
        return created;
    }

    /**
     * Adds the spec's indexes an existing table lacks, one {@code UpdateTable} each, as DynamoDB allows: a data
     * directory kept by an earlier version gets this version's indexes (its old items, which lack their keys, are
     * found by id only). Indexes the spec no longer has are left in place: they cost the emulator nothing.
     */
    private void addMissingIndexes(TableSpec spec) {
        var table = dynamoDb.describeTable(b -> b.tableName(spec.name())).table();
        Set<String> present = new LinkedHashSet<>();
        table.globalSecondaryIndexes().forEach(i -> present.add(i.indexName()));
        CreateTableRequest full = request(spec);
        for (GlobalSecondaryIndex index : full.globalSecondaryIndexes()) {
            if (present.contains(index.indexName())) {
                continue;
            }
            List<String> keys = index.keySchema().stream()
                    .map(KeySchemaElement::attributeName)
                    .toList();
            dynamoDb.updateTable(b -> b.tableName(spec.name())
                    .attributeDefinitions(full.attributeDefinitions().stream()
                            .filter(a -> keys.contains(a.attributeName()))
                            .toList())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema())
                            .projection(index.projection()))));
        }
    }

    /** The {@code CreateTable} request for a spec. */
    static CreateTableRequest request(TableSpec spec) {
        Set<String> keyAttributes = new LinkedHashSet<>();
        keyAttributes.add(spec.partitionKey());
        if (spec.sortKey() != null) {
            keyAttributes.add(spec.sortKey());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (TableSpec.IndexSpec index : spec.indexes()) {
            keyAttributes.add(index.partitionKey());
            if (index.sortKey() != null) {
                keyAttributes.add(index.sortKey());
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(projection(index.projection()))
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(spec.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(spec.partitionKey(), spec.sortKey()))
                .attributeDefinitions(keyAttributes.stream()
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(a)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .toList());
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static Projection projection(TableSpec.Projection projection) {
        Projection.Builder builder = Projection.builder()
                .projectionType(ProjectionType.fromValue(projection.type().name()));
        if (!projection.nonKeyAttributes().isEmpty()) {
            builder.nonKeyAttributes(projection.nonKeyAttributes());
        }
        return builder.build();
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder()
                .attributeName(partitionKey)
                .keyType(KeyType.HASH)
                .build());
        if (sortKey != null) {
            schema.add(KeySchemaElement.builder()
                    .attributeName(sortKey)
                    .keyType(KeyType.RANGE)
                    .build());
        }
        return schema;
    }
}
