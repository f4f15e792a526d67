package io.sluice.moto;

import io.sluice.topology.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Feeds {@link WriteUnitModel} with a client's real writes to one table: an {@link ExecutionInterceptor} that reads
 * each written item just before its write and just after (consistently, through a client of its own that it does
 * not intercept), and adds the write units AWS would bill to the item's tally. A write refused by its condition
 * (or a cancelled transaction) is billed as refused; a request that never reached the table (a throttle, an outage)
 * costs nothing. Attach it to the client under measurement ({@link DynamoDbRequestCounter#attach}).
 *
 * <p>The before and after reads are not atomic with the write: a concurrent write to the same item between them
 * would be misattributed. A benchmark whose jobs each write their own item, one write at a time, is exact.
 */
public final class WriteRecorder implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Pending>> PENDING = new ExecutionAttribute<>("sluice.write-recorder");

    private final DynamoDbClient reader;
    private final TableSpec table;
    private final WriteUnitModel model;
    private final Map<String, Tally> byItem = new ConcurrentHashMap<>();

    /**
     * @param reader a client of the same DynamoDB, without this recorder
     * @param table the table whose writes are recorded; writes to other tables pass unrecorded
     */
    public WriteRecorder(DynamoDbClient reader, TableSpec table) {
        this.reader = reader;
        this.table = table;
        this.model = new WriteUnitModel(table);
    }

    /** The write units billed to one item so far: its table writes and its index writes. */
    public static final class Tally {
        private final AtomicLong table = new AtomicLong();
        private final AtomicLong indexes = new AtomicLong();
        private final AtomicLong writes = new AtomicLong();

        public long tableUnits() {
            return table.get();
        }

        public long indexUnits() {
            return indexes.get();
        }

        public long units() {
            return table.get() + indexes.get();
        }

        /** Write requests that touched the item, refused ones included. */
        public long writes() {
            return writes.get();
        }

        private void add(WriteUnitModel.Units units) {
            table.addAndGet(units.table());
            indexes.addAndGet(units.indexTotal());
            writes.incrementAndGet();
        }
    }

    /** The tally of the item whose partition key value is {@code partitionKey}, or an empty one. */
    public Tally item(String partitionKey) {
        return byItem.getOrDefault(partitionKey, new Tally());
    }

    /** Every item written so far, by partition key value. */
    public Map<String, Tally> items() {
        return Map.copyOf(byItem);
    }

    private record Pending(
            Map<String, AttributeValue> key, Map<String, AttributeValue> before, boolean transactional) {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Pending> pending = new ArrayList<>();
        SdkRequest request = context.request();
        if (request instanceof UpdateItemRequest r && table.name().equals(r.tableName())) {
            pending.add(new Pending(r.key(), read(r.key()), false));
        } else if (request instanceof PutItemRequest r && table.name().equals(r.tableName())) {
            Map<String, AttributeValue> key = keyOf(r.item());
            pending.add(new Pending(key, read(key), false));
        } else if (request instanceof DeleteItemRequest r && table.name().equals(r.tableName())) {
            pending.add(new Pending(r.key(), read(r.key()), false));
        } else if (request instanceof TransactWriteItemsRequest r) {
            for (TransactWriteItem item : r.transactItems()) {
                Map<String, AttributeValue> key = transactionKey(item);
                if (key != null) {
                    pending.add(new Pending(key, read(key), true));
                }
            }
        }
        if (!pending.isEmpty()) {
            attributes.putAttribute(PENDING, pending);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        List<Pending> pending = attributes.getAttribute(PENDING);
        if (pending != null) {
            for (Pending p : pending) {
                add(p.key(), model.write(p.before(), read(p.key()), p.transactional()));
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        List<Pending> pending = attributes.getAttribute(PENDING);
        if (pending == null) {
            return;
        }
        Throwable failure = context.exception();
        if (failure instanceof ConditionalCheckFailedException || failure instanceof TransactionCanceledException) {
            for (Pending p : pending) {
                add(p.key(), model.refused(p.before(), p.transactional()));
            }
        }
    }

    private void add(Map<String, AttributeValue> key, WriteUnitModel.Units units) {
        byItem.computeIfAbsent(key.get(table.partitionKey()).s(), k -> new Tally())
                .add(units);
    }

    private Map<String, AttributeValue> transactionKey(TransactWriteItem item) {
        if (item.update() != null && table.name().equals(item.update().tableName())) {
            return item.update().key();
        }
        if (item.put() != null && table.name().equals(item.put().tableName())) {
            return keyOf(item.put().item());
        }
        if (item.delete() != null && table.name().equals(item.delete().tableName())) {
            return item.delete().key();
        }
        return null; // a condition check, or another table
    }

    private Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return table.sortKey() == null
                ? Map.of(table.partitionKey(), item.get(table.partitionKey()))
                : Map.of(
                        table.partitionKey(),
                        item.get(table.partitionKey()),
                        table.sortKey(),
                        item.get(table.sortKey()));
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        return reader.getItem(r -> r.tableName(table.name()).key(key).consistentRead(true))
                .item();
    }
}
