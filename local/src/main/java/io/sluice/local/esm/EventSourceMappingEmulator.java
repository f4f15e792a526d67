package io.sluice.local.esm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sluice.runtime.InvocationContext;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.SluiceHandler;
import io.sluice.topology.FunctionSpec;
import io.sluice.topology.QueueSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Does for one queue what Lambda's SQS event source mapping does: long-polls the queue, gathers batches
 * of up to the mapping's batch size (waiting up to the batching window when it is above 10), invokes the
 * real entry point ({@link SluiceHandler}) with at most {@code MaximumConcurrency} invocations at once,
 * each in its own emulated execution environment, and deletes exactly the messages the partial batch
 * response did not report (the queue side of this is {@link PolledQueue}). As on Lambda: an invocation that throws, or a response naming a message id
 * that was not in the batch, leaves the whole batch to the visibility timeout; redrive to the DLQ is
 * the queue's own policy, applied by the SQS emulator on receive.
 *
 * <p>See <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Handling
 * errors for an SQS event source</a> and <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html">
 * configuring maximum concurrency</a>.
 */
public final class EventSourceMappingEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappingEmulator.class);

    private final PolledQueue polled;
    private final QueueSpec queue;
    private final FunctionSpec function;
    private final Supplier<JobFunction> environments;
    private final SqsEventTranslator translator;
    private final Clock clock;
    private final int pollWaitSeconds;
    private final List<Thread> pollers = new ArrayList<>();
    private final List<JobFunction> started = new CopyOnWriteArrayList<>();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final MinuteCounts invocationsPerMinute = new MinuteCounts();
    private final MinuteCounts errorsPerMinute = new MinuteCounts();
    private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger parked = new java.util.concurrent.atomic.AtomicInteger();
    private final String queueArn;
    private final Object switched = new Object();
    private volatile boolean running;
    /** Lambda's {@code Enabled}: a disabled mapping's pollers receive nothing until it is enabled again. */
    private volatile boolean enabled = true;

    private volatile Instant lastModified;

    /**
     * @param environments creates one function instance per emulated execution environment
     * @param pollWaitSeconds the long-poll wait, 1 to 20; shorter makes shutdown quicker
     */
    public EventSourceMappingEmulator(
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            String region,
            QueueSpec queue,
            FunctionSpec function,
            Supplier<JobFunction> environments,
            Clock clock,
            int pollWaitSeconds) {
        this.pollWaitSeconds = Math.max(1, Math.min(20, pollWaitSeconds));
        this.polled = new PolledQueue(sqs, queueUrl, queue, clock, this.pollWaitSeconds);
        this.queue = queue;
        this.function = function;
        this.environments = environments;
        this.translator = new SqsEventTranslator(queueArn, region);
        this.queueArn = queueArn;
        this.clock = clock;
        this.lastModified = clock.instant();
    }

    /** Starts one poller per unit of the mapping's maximum concurrency. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        int concurrency = queue.eventSourceMapping().maximumConcurrency();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(this::poll, "esm-" + queue.name() + "-" + i);
            t.setDaemon(true);
            pollers.add(t);
            t.start();
        }
    }

    /** The mapping's id, as Lambda's {@code UUID}: stable for a queue, so a restart keeps the ids operators saw. */
    public String uuid() {
        return java.util
                .UUID
                .nameUUIDFromBytes(queueArn.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    public String queueArn() {
        return queueArn;
    }

    public FunctionSpec function() {
        return function;
    }

    /** Whether the mapping is enabled (Lambda's {@code Enabled}; {@code false} while paused). */
    public boolean enabled() {
        return enabled;
    }

    /** When the mapping was last switched (or created). */
    public Instant lastModified() {
        return lastModified;
    }

    /** Pollers running a batch right now; the rest of the mapping's maximum concurrency is idle. */
    public int busyPollers() {
        return busy.get();
    }

    /**
     * Pollers waiting for the mapping to be enabled: once every poller is parked, a disabled mapping receives nothing
     * at all (a poll under way at the switch has ended and handed back what it got).
     */
    public int parkedPollers() {
        return parked.get();
    }

    /** Invocations in {@code [from, to]} by whole minutes, at most the last hour (CloudWatch's {@code Invocations}). */
    public long invocationsBetween(Instant from, Instant to) {
        return invocationsPerMinute.sum(from, to);
    }

    /** Invocations that threw or timed out, by whole minutes (CloudWatch's {@code Errors}). */
    public long errorsBetween(Instant from, Instant to) {
        return errorsPerMinute.sum(from, to);
    }

    /** Pollers of the mapping (its maximum concurrency). */
    public int pollers() {
        return queue.eventSourceMapping().maximumConcurrency();
    }

    /**
     * Pauses ({@code false}) or resumes ({@code true}) the mapping, as Lambda's {@code UpdateEventSourceMapping
     * Enabled} does. A poller whose receive is under way when the mapping is disabled hands what it got back to the
     * queue (visibility 0) instead of invoking the function, so nothing is delivered after the switch; a batch
     * already invoked finishes.
     */
    public void setEnabled(boolean value) {
        synchronized (switched) {
            if (enabled != value) {
                enabled = value;
                lastModified = clock.instant();
                LOG.info("event source mapping of {} {}", queue.name(), value ? "enabled" : "disabled");
            }
            switched.notifyAll();
        }
    }

    /** Invocations so far. */
    public long invocations() {
        return invocations.get();
    }

    /** Messages handed to the function so far (redeliveries count again). */
    public long delivered() {
        return delivered.get();
    }

    /** Messages deleted after the function reported them done. */
    public long acknowledged() {
        return acknowledged.get();
    }

    public QueueSpec queue() {
        return queue;
    }

    /** Stops polling, lets in-flight invocations finish and delete their messages, then closes the environments. */
    @Override
    public void close() {
        running = false;
        synchronized (switched) {
            switched.notifyAll();
        }
        for (Thread t : pollers) {
            try {
                t.join(function.timeout().toMillis() + pollWaitSeconds * 1000L + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.forEach(JobFunction::close);
    }

    private void poll() {
        Environment environment = null;
        while (running) {
            try {
                if (!enabled) {
                    awaitEnabled();
                    continue;
                }
                List<Message> batch = polled.receiveBatch(() -> running);
                if (batch.isEmpty()) {
                    continue;
                }
                if (!enabled) {
                    polled.handBack(batch);
                    continue;
                }
                if (environment == null) {
                    environment = new Environment(environments.get());
                    started.add(environment.function);
                }
                busy.incrementAndGet();
                boolean kept;
                try {
                    kept = invoke(environment, batch);
                } finally {
                    busy.decrementAndGet();
                }
                if (!kept) {
                    // Lambda discards an execution environment whose invocation timed out.
                    environment.discard();
                    environment = null;
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("poller of {} failed: {}; retrying in 1 s", queue.name(), e.toString());
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
        if (environment != null) {
            environment.invoker.shutdown();
        }
    }

    private void awaitEnabled() {
        parked.incrementAndGet();
        try {
            synchronized (switched) {
                while (running && !enabled) {
                    try {
                        switched.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            parked.decrementAndGet();
        }
    }

    /** One emulated execution environment: a function instance and the thread its invocations run on. */
    private final class Environment {
        final JobFunction function;
        final SluiceHandler handler;
        final ExecutorService invoker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lambda-" + function().name());
            t.setDaemon(true);
            return t;
        });

        Environment(JobFunction function) {
            this.function = function;
            this.handler = new SluiceHandler(function);
        }

        void discard() {
            invoker.shutdownNow();
            started.remove(function);
            function.close();
        }
    }

    /** Invokes the function on a batch; false if the invocation outlived the function timeout. */
    private boolean invoke(Environment environment, List<Message> batch) {
        invocations.incrementAndGet();
        invocationsPerMinute.add(clock.instant());
        delivered.addAndGet(batch.size());
        SQSEvent event = translator.translate(batch);
        Context context = invocationContext();
        Future<SQSBatchResponse> invocation =
                environment.invoker.submit(() -> environment.handler.handleRequest(event, context));
        SQSBatchResponse response;
        try {
            response = invocation.get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            errorsPerMinute.add(clock.instant());
            invocation.cancel(true);
            LOG.error(
                    "invocation of {} exceeded its timeout {}; the whole batch returns after the visibility timeout",
                    function.name(),
                    function.timeout());
            return false;
        } catch (ExecutionException e) {
            errorsPerMinute.add(clock.instant());
            LOG.error(
                    "invocation of {} failed; the whole batch returns after the visibility timeout",
                    function.name(),
                    e.getCause());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        Set<String> failed = new HashSet<>();
        Set<String> inBatch = new HashSet<>();
        batch.forEach(m -> inBatch.add(m.messageId()));
        if (response != null && response.getBatchItemFailures() != null) {
            for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
                if (f.getItemIdentifier() == null || !inBatch.contains(f.getItemIdentifier())) {
                    // Lambda treats an unknown or empty identifier as a failure of the whole batch.
                    LOG.error(
                            "{} reported unknown message id '{}'; the whole batch is treated as failed",
                            function.name(),
                            f.getItemIdentifier());
                    return true;
                }
                failed.add(f.getItemIdentifier());
            }
        }
        polled.deleteAllBut(batch, failed, acknowledged::addAndGet);
        return true;
    }

    /**
     * The Lambda Context of one emulated invocation: its remaining time counts down from the function timeout the
     * topology derived, on the emulator's clock, so the runtime's deadline rule behaves exactly as it does on Lambda.
     */
    private Context invocationContext() {
        return new InvocationContext(
                UUID.randomUUID().toString(),
                function.name(),
                "$LATEST",
                "/aws/lambda/" + function.name(),
                "sluice-local",
                function.memoryMb(),
                InvocationContext.countingDown(clock, function.timeout()),
                InvocationContext.STANDARD_ERROR);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
