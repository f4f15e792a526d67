package io.sluice.runtime;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Stops every request of the clients it is installed on before it leaves the process, while a {@link Rehearsal} runs:
 * the request has been marshalled, its endpoint resolved and it has been signed (so SnapStart's snapshot holds those
 * classes, caches and credentials), but nothing reaches SQS or DynamoDB, so priming can never write a record. Outside
 * a rehearsal it does nothing. One guard per set of clients (one execution environment): sluice-local runs several in
 * one JVM, and one's rehearsal must not stop another's jobs.
 */
public final class RehearsalGuard implements ExecutionInterceptor {
    private final AtomicBoolean rehearsing = new AtomicBoolean();
    private final AtomicLong stopped = new AtomicLong();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (rehearsing.get()) {
            stopped.incrementAndGet();
            throw new Stopped(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** The guard installed on {@code client}, if it has one: only a guarded client may be used in a rehearsal. */
    public static Optional<RehearsalGuard> on(SdkClient client) {
        return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                .filter(RehearsalGuard.class::isInstance)
                .map(RehearsalGuard.class::cast)
                .findFirst();
    }

    /** Runs {@code work} with every request of this guard's clients stopped before transmission. */
    <T> T during(Supplier<T> work) {
        if (!rehearsing.compareAndSet(false, true)) {
            throw new IllegalStateException("a rehearsal is already running on these clients");
        }
        try {
            return work.get();
        } finally {
            rehearsing.set(false);
        }
    }

    /** How many requests this guard has stopped, ever. */
    public long stopped() {
        return stopped.get();
    }

    /** What a stopped request throws: the caller sees an ordinary client-side failure of the call. */
    static final class Stopped extends RuntimeException {
        Stopped(String request) {
            super("priming rehearsal: " + request + " stopped before transmission", null, false, false);
        }
    }
}
