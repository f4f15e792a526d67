package io.sluice.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.MotoDynamoDb;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates tables in a real DynamoDB API (moto) and reads back what DynamoDB made of them. */
class TableCreatorTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    @BeforeAll
    static void startDynamoDb() {}

    @AfterAll
    static void stopDynamoDb() throws Exception {}

    private static DynamoDbClient client() {
        return dynamoDb.client();
    }

    private static TableDescription describe(String name) {
        return client().describeTable(b -> b.tableName(name)).table();
    }

    private static Map<String, String> keys(List<KeySchemaElement> schema) {
        return schema.stream().collect(Collectors.toMap(KeySchemaElement::attributeName, k -> k.keyTypeAsString()));
    }

    @Test
    void createsTheRateLimitTableOnDemandWithItsKeyAndTimeToLive() {
        assertTrue(new TableCreator(client()).createIfMissing(RateLimitTable.spec("sluice")));

        TableDescription table = describe("sluice-rate-limits");
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
        assertEquals(Map.of("pk", "HASH"), keys(table.keySchema()));
        assertEquals(
                List.of(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build()),
                table.attributeDefinitions());
        var ttl = client().describeTimeToLive(b -> b.tableName("sluice-rate-limits"))
                .timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void createsSortKeysAndIndexesWithEveryKeyAttributeDefinedOnce() {
        TableSpec spec = new TableSpec(
                "jobs-like",
                "pk",
                "sk",
                List.of(
                        new TableSpec.IndexSpec("byTypeState", "typeState", "createdAt"),
                        new TableSpec.IndexSpec("byPk", "pk", null, TableSpec.Projection.keysOnly()),
                        new TableSpec.IndexSpec(
                                "byOwner", "owner", null, TableSpec.Projection.include("source", "size"))),
                null);
        assertTrue(new TableCreator(client()).createIfMissing(spec));

        TableDescription table = describe("jobs-like");
        assertEquals(Map.of("pk", "HASH", "sk", "RANGE"), keys(table.keySchema()));
        assertEquals(
                List.of("pk", "sk", "typeState", "createdAt", "owner"),
                table.attributeDefinitions().stream()
                        .map(AttributeDefinition::attributeName)
                        .toList());
        assertTrue(table.attributeDefinitions().stream().allMatch(a -> a.attributeType() == ScalarAttributeType.S));
        Map<String, GlobalSecondaryIndexDescription> indexes = table.globalSecondaryIndexes().stream()
                .collect(Collectors.toMap(GlobalSecondaryIndexDescription::indexName, i -> i));
        assertEquals(
                Map.of("typeState", "HASH", "createdAt", "RANGE"),
                keys(indexes.get("byTypeState").keySchema()));
        assertEquals(Map.of("pk", "HASH"), keys(indexes.get("byPk").keySchema()));
        assertEquals(ProjectionType.ALL, indexes.get("byTypeState").projection().projectionType());
        assertEquals(ProjectionType.KEYS_ONLY, indexes.get("byPk").projection().projectionType());
        assertEquals(ProjectionType.INCLUDE, indexes.get("byOwner").projection().projectionType());
        assertEquals(
                List.of("source", "size"), indexes.get("byOwner").projection().nonKeyAttributes());
        assertEquals(
                TimeToLiveStatus.DISABLED,
                client().describeTimeToLive(b -> b.tableName("jobs-like"))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
    }

    @Test
    void leavesAnExistingTableAndItsItemsAlone() {
        TableCreator creator = new TableCreator(client());
        TableSpec spec = RateLimitTable.spec("again");
        assertTrue(creator.createIfMissing(spec));
        client().putItem(b -> b.tableName(spec.name())
                .item(Map.of(
                        "pk",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder()
                                .s("kept")
                                .build())));

        assertFalse(creator.createIfMissing(spec));
        assertFalse(creator.createIfMissing(spec));

        assertEquals(1, client().scan(b -> b.tableName(spec.name())).count());
        assertEquals(
                TimeToLiveStatus.ENABLED,
                client().describeTimeToLive(b -> b.tableName(spec.name()))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
    }

    @Test
    void aJobsTableKeptByAnEarlierVersionGetsThisVersionsIndexesAndKeepsItsItems() {
        TableSpec current = io.sluice.topology.JobsTable.spec("older");
        TableSpec earlier = new TableSpec(
                current.name(),
                current.partitionKey(),
                null,
                io.sluice.topology.JobsTable.legacyIndexes(),
                current.timeToLiveAttribute());
        TableCreator creator = new TableCreator(client());
        assertTrue(creator.createIfMissing(earlier));
        client().putItem(b -> b.tableName(current.name())
                .item(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("JOB#old"))));

        assertFalse(creator.createIfMissing(current));

        assertEquals(
                java.util.Set.of("byTypeState", "failures", "byState", "deadLetters", "byIdempotencyKey"),
                describe(current.name()).globalSecondaryIndexes().stream()
                        .map(GlobalSecondaryIndexDescription::indexName)
                        .collect(Collectors.toSet()));
        assertEquals(1, client().scan(b -> b.tableName(current.name())).count());
    }

    @Test
    void theRateLimitTableIsNamedAfterTheApp() {
        TableSpec spec = RateLimitTable.spec("shop");
        assertEquals(new TableSpec("shop-rate-limits", "pk", null, List.of(), "expiresAt"), spec);
        assertNull(spec.sortKey());
    }
}
