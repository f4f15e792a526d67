package io.sluice.local;

import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.topology.JobsTable;
import io.sluice.topology.Topology;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every item of sluice-local's job history table as text, attribute by attribute, read with a plain scan
 * (fine for a test's few items), so a test can prove that no secret reached any attribute of any record,
 * including the ones {@link io.sluice.store.JobRecord} does not show.
 */
final class HistoryDump {
    private HistoryDump() {}

    static String of(LocalRuntime runtime) {
        try (DynamoDbClient dynamoDb =
                LocalClients.dynamoDb(runtime.dynamoDbEndpoint(), "us-east-1", new DynamoDbRequestCounter())) {
            return dynamoDb.scanPaginator(r -> r.tableName(JobsTable.name(Topology.DEFAULT_APP))).items().stream()
                    .map(item -> item.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n"));
        }
    }
}
