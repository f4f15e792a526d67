package io.sluice.moto;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts DynamoDB requests by kind as the SDK sends them (an {@link ExecutionInterceptor} on the client),
 * so the write budget per job is measured, not assumed. A request counts once however many items it
 * touches; failed conditional writes count too, as DynamoDB bills them. It passes every request on to the
 * interceptors {@linkplain #attach attached} to it, so a benchmark can observe (with a {@link WriteRecorder}) the
 * client of a runtime that is already built.
 */
public final class DynamoDbRequestCounter implements ExecutionInterceptor {
    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final List<ExecutionInterceptor> attached = new CopyOnWriteArrayList<>();

    /** Passes the client's requests from now on to {@code interceptor} too. */
    public void attach(ExecutionInterceptor interceptor) {
        attached.add(interceptor);
    }

    /** Stops passing requests to {@code interceptor}. */
    public void detach(ExecutionInterceptor interceptor) {
        attached.remove(interceptor);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attached.forEach(i -> i.beforeExecution(context, attributes));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        attached.forEach(i -> i.afterExecution(context, attributes));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        attached.forEach(i -> i.onExecutionFailure(context, attributes));
    }

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
