package io.sluice.local;

import io.sluice.job.Priority;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.SqsQueueOperations;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The clients sluice-local's functions talk through, shared by every function of the runtime and closed with it:
 * one SQS side, one DynamoDB client per priority, and the counter of every DynamoDB request they make.
 */
final class FunctionClients implements AutoCloseable {
    private final LocalOptions options;
    private final URI dynamoDbEndpoint;
    private final DynamoDbRequestCounter requests = new DynamoDbRequestCounter();
    private final DynamoDbClient dynamoDb;
    private final Map<Priority, DynamoDbClient> byPriority = new EnumMap<>(Priority.class);
    private final SqsQueueOperations queueOperations;

    FunctionClients(LocalOptions options, SqsClient sqs, URI dynamoDbEndpoint) {
        this.options = options;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.dynamoDb = LocalClients.dynamoDb(dynamoDbEndpoint, options.region(), requests);
        // One for all functions, as before: it caches queue URLs and dead-letter targets, which never change here.
        this.queueOperations = new SqsQueueOperations(sqs);
    }

    /**
     * What a function of a priority's queues gets ({@code null}: no queue's, as {@link LocalRuntime#function} builds):
     * with job state, history, claims and rate limits in this runtime's tables; without, none.
     */
    JobFunction.Clients of(Priority priority) {
        JobFunction.Clients clients = options.jobState()
                ? JobFunction.Clients.of(queueOperations, priority == null ? dynamoDb : queueClient(priority))
                : JobFunction.Clients.withoutJobState(queueOperations);
        return clients.withClock(options.clock()).withListener(options.listener());
    }

    /**
     * The DynamoDB client of the functions that consume a priority's queues: the local DynamoDB serves one request at
     * a time, and the priority each request names decides which waiting one goes next, as on AWS a low-priority
     * flood's writes never hold up a high-priority job's (they share no item and, by the key design, no index
     * partition).
     */
    private synchronized DynamoDbClient queueClient(Priority priority) {
        return byPriority.computeIfAbsent(
                priority, p -> LocalClients.dynamoDb(dynamoDbEndpoint, options.region(), requests, p));
    }

    /** The client without a priority, for the runtime's own reads and the tables' creation. */
    DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    DynamoDbRequestCounter requests() {
        return requests;
    }

    @Override
    public synchronized void close() {
        dynamoDb.close();
        byPriority.values().forEach(DynamoDbClient::close);
    }
}
