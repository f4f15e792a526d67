package io.sluice.moto;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts DynamoDB requests by kind as the SDK sends them (an {@link ExecutionInterceptor} on the client),
 * so the write budget per job is measured, not assumed. A request counts once however many items it
 * touches; failed conditional writes count too, as DynamoDB bills them.
 */
public final class DynamoDbRequestCounter implements ExecutionInterceptor {
    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (WRITES.contains(operation)) {
            writes.incrementAndGet();
        } else if (READS.contains(operation)) {
            reads.incrementAndGet();
        }
    }

    public long writes() {
        return writes.get();
    }

    public long reads() {
        return reads.get();
    }
}
