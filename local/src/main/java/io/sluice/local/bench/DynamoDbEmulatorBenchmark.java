package io.sluice.local.bench;

import io.sluice.local.LocalClients;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.moto.MotoOptions;
import io.sluice.moto.MotoServer;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast sluice-local's DynamoDB (moto through Sluice's launcher) answers the two writes Sluice's store and limiter
 * make, on an empty table and on one of {@code items} items: a conditional UpdateItem (a claim) and a two-item
 * TransactWriteItems (a rate-limit acquire). moto's own TransactWriteItems copies every table it names, so without
 * the launcher's item snapshots the second figure falls with the table's size (58 tx/s empty, 4.4 tx/s at 5,000
 * items, measured on a 2-core machine). One client, one request at a time: the emulator serialises requests anyway.
 */
public final class DynamoDbEmulatorBenchmark {
    private static final String TABLE = "bench";
    private final int items;
    private final int requests;

    public DynamoDbEmulatorBenchmark(int items, int requests) {
        this.items = items;
        this.requests = requests;
    }

    /** Requests per second at 0 and at {@code items} items. */
    public record Result(
            int items,
            int requests,
            double updatesEmpty,
            double transactionsEmpty,
            double updatesFull,
            double transactionsFull) {
        public void print(PrintWriter out) {
            out.printf(
                    "%nsluice-local bench dynamodb: moto %s through Sluice's launcher, %d requests per figure, one at a time%n",
                    MotoServer.MOTO_VERSION, requests);
            out.printf("  %-44s %10s %10s %8s%n", "", "0 items", items + " items", "ratio");
            out.printf(
                    "  %-44s %10.0f %10.0f %8.2f%n",
                    "conditional UpdateItem/s", updatesEmpty, updatesFull, updatesFull / updatesEmpty);
            out.printf(
                    "  %-44s %10.0f %10.0f %8.2f%n",
                    "TransactWriteItems/s (2 items)",
                    transactionsEmpty,
                    transactionsFull,
                    transactionsFull / transactionsEmpty);
            out.flush();
        }
    }

    public Result run(MotoOptions options) {
        try (MotoServer server = MotoServer.start(options);
                DynamoDbClient dynamoDb = client(server.endpoint())) {
            dynamoDb.createTable(b -> b.tableName(TABLE)
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            measureUpdates(dynamoDb, "warm"); // the interpreter's and the JVM's first requests are slow
            double updatesEmpty = measureUpdates(dynamoDb, "empty");
            double transactionsEmpty = measureTransactions(dynamoDb, "empty");
            fill(dynamoDb);
            double updatesFull = measureUpdates(dynamoDb, "full");
            double transactionsFull = measureTransactions(dynamoDb, "full");
            return new Result(items, requests, updatesEmpty, transactionsEmpty, updatesFull, transactionsFull);
        }
    }

    private double measureUpdates(DynamoDbClient dynamoDb, String round) {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            String key = "claim-" + round + "-" + i;
            dynamoDb.updateItem(b -> b.tableName(TABLE)
                    .key(Map.of("pk", AttributeValue.fromS(key)))
                    .updateExpression("SET #s = :running")
                    .conditionExpression("attribute_not_exists(pk) OR #s = :idle")
                    .expressionAttributeNames(Map.of("#s", "state"))
                    .expressionAttributeValues(Map.of(
                            ":running", AttributeValue.fromS("running"), ":idle", AttributeValue.fromS("idle"))));
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    private double measureTransactions(DynamoDbClient dynamoDb, String round) {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            String key = "window-" + round + "-" + (i % 10);
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder()
                            .update(u -> u.tableName(TABLE)
                                    .key(Map.of("pk", AttributeValue.fromS(key + "-hour")))
                                    .updateExpression("ADD used :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
                            .build(),
                    TransactWriteItem.builder()
                            .update(u -> u.tableName(TABLE)
                                    .key(Map.of("pk", AttributeValue.fromS(key + "-day")))
                                    .updateExpression("ADD used :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
                            .build()));
        }
        return requests / ((System.nanoTime() - start) / 1e9);
    }

    private void fill(DynamoDbClient dynamoDb) {
        String padding = "x".repeat(200);
        for (int first = 0; first < items; first += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            IntStream.range(first, Math.min(first + 25, items))
                    .forEach(i -> batch.add(WriteRequest.builder()
                            .putRequest(r -> r.item(Map.of(
                                    "pk",
                                    AttributeValue.fromS("filler-" + i),
                                    "padding",
                                    AttributeValue.fromS(padding))))
                            .build()));
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch)));
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return LocalClients.dynamoDb(endpoint, "us-east-1", new DynamoDbRequestCounter());
    }
}
