package io.sluice.runtime;

import io.sluice.topology.SluiceEnvironment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sluice.catalogue.JobClasses;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobOverrides;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import io.sluice.limit.DynamoDbRateLimiter;
import io.sluice.topology.RateLimitTable;
import io.sluice.limit.RateLimiter;
import io.sluice.metrics.JobTypeMetrics;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobStore;
import io.sluice.topology.JobsTable;
import io.sluice.topology.Topology;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One job type's function, assembled: its effective definition (catalogue plus overrides), its handler,
 * the pipeline and the batch processor with their threads. Built once per Lambda execution environment
 * (during init, where SnapStart snapshots it) or once per emulated environment in sluice-local, then
 * called per batch. {@link #fromEnvironment()} reads everything from the function's environment:
 * {@code SLUICE_JOB_TYPE} picks the type, {@code SLUICE_*} overrides adjust it (see {@link JobOverrides}).
 */
public final class JobFunction implements AutoCloseable {
    /** The environment variable that selects the job type of a function. */
    public static final String JOB_TYPE_VARIABLE = SluiceEnvironment.JOB_TYPE;
    /** The environment variable naming the app, the prefix of the tables ({@code sluice} by default). */
    public static final String APP_VARIABLE = SluiceEnvironment.APP;

    private final JobDefinition definition;
    private final BatchProcessor processor;
    private final ExecutorService lanes;
    private final ScheduledExecutorService watchdog;

    private JobFunction(JobDefinition definition, BatchProcessor processor, ExecutorService lanes, ScheduledExecutorService watchdog) {
        this.definition = definition;
        this.processor = processor;
        this.lanes = lanes;
        this.watchdog = watchdog;
    }

    /** The function as Lambda runs it: everything from environment variables, SQS through the URLConnection client. */
    public static JobFunction fromEnvironment() {
        Map<String, String> env = System.getenv();
        String type = env.get(JOB_TYPE_VARIABLE);
        if (type == null || type.isBlank()) {
            throw new IllegalStateException(JOB_TYPE_VARIABLE + " is not set; it must name the job type this function runs");
        }
        // The SDK reads AWS_REGION and AWS_ENDPOINT_URL(_SQS) itself, so this function can be pointed at
        // sluice-local or LocalStack without code changes.
        // Bounded calls: a hung SQS call must fail inside the invocation, not run it out.
        SqsClient sqs = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(java.time.Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(java.time.Duration.ofSeconds(3)))
                .build();
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(java.time.Duration.ofSeconds(10))
                        .apiCallAttemptTimeout(java.time.Duration.ofSeconds(3)))
                .build();
        String app = env.getOrDefault(APP_VARIABLE, Topology.DEFAULT_APP);
        JobStore.Retention retention = new JobStore.Retention(
                duration(env, SluiceEnvironment.HISTORY_RETENTION, JobStore.Retention.DEFAULT.history()),
                duration(env, SluiceEnvironment.IDEMPOTENCY_WINDOW, JobStore.Retention.DEFAULT.idempotencyWindow()));
        return builder(type.trim(), Catalogue.load())
                .overrides(JobOverrides.fromEnvironment(env))
                .config(JobConfig.fromMap(env))
                .queues(new SqsQueueOperations(sqs))
                .store(new DynamoDbJobStore(dynamoDb, env.getOrDefault(SluiceEnvironment.JOBS_TABLE, JobsTable.name(app)), retention))
                .rateLimiter(new DynamoDbRateLimiter(dynamoDb, env.getOrDefault(SluiceEnvironment.RATE_LIMITS_TABLE, RateLimitTable.name(app))))
                .metrics(JobTypeMetrics.forJobType(type.trim()))
                .build();
    }

    private static java.time.Duration duration(Map<String, String> env, String name, java.time.Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return java.time.Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException(name + "='" + value + "' is not an ISO-8601 duration such as P30D or PT24H", e);
        }
    }

    public static Builder builder(String type, Catalogue catalogue) {
        return new Builder(type, catalogue);
    }

    /** Runs one SQS batch. */
    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return processor.process(event, context);
    }

    /** The effective definition (catalogue plus overrides). */
    public JobDefinition definition() {
        return definition;
    }

    /** Stops the function's threads after in-flight work; for sluice-local and tests (Lambda just freezes). */
    @Override
    public void close() {
        lanes.shutdown();
        try {
            if (!lanes.awaitTermination(definition.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                lanes.shutdownNow();
            }
        } catch (InterruptedException e) {
            lanes.shutdownNow();
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
    }

    /** Assembles a {@link JobFunction}; every collaborator has a production default except the queues. */
    public static final class Builder {
        private final String type;
        private final Catalogue catalogue;
        private JobOverrides overrides = JobOverrides.NONE;
        private JobConfig config = JobConfig.fromMap(Map.of());
        private QueueOperations queues;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = new SnapSafeRandom();
        private JobHandler<?> handler;
        private OutcomeListener listener = OutcomeListener.NONE;
        private JobStore store = JobStore.NONE;
        private RateLimiter rateLimiter = RateLimiter.NONE;
        private JobTypeMetrics metrics;

        private Builder(String type, Catalogue catalogue) {
            this.type = type;
            this.catalogue = catalogue;
        }

        /** Per-environment changes to the catalogue settings. Default none. */
        public Builder overrides(JobOverrides value) {
            this.overrides = value;
            return this;
        }

        /** Configuration handed to the handler's constructor. Default empty. */
        public Builder config(JobConfig value) {
            this.config = value;
            return this;
        }

        /** The SQS side effects. Required. */
        public Builder queues(QueueOperations value) {
            this.queues = value;
            return this;
        }

        /** Time source for deadlines. Default the system UTC clock. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Uniform randomness in [0, 1) for backoff jitter. Default a {@link java.security.SecureRandom} made on first use. */
        public Builder random(DoubleSupplier value) {
            this.random = value;
            return this;
        }

        /** Job history and idempotency. Default {@link JobStore#NONE}: attempts are counted from SQS receives, nothing is recorded. */
        public Builder store(JobStore value) {
            this.store = value;
            return this;
        }

        /** Rate-limit counters, used when the type has limits. Default {@link RateLimiter#NONE}, allowed only for a type without limits. */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = value;
            return this;
        }

        /** Powertools (EMF) metrics, one document per batch. Default none. */
        public Builder metrics(JobTypeMetrics value) {
            this.metrics = value;
            return this;
        }

        /** Told every message's outcome. Default nobody. */
        public Builder listener(OutcomeListener value) {
            this.listener = value;
            return this;
        }

        /** A ready handler instance instead of one created from the catalogue's class. */
        public Builder handler(JobHandler<?> value) {
            this.handler = value;
            return this;
        }

        public JobFunction build() {
            if (queues == null) {
                throw new IllegalStateException("queues must be set");
            }
            JobDefinition definition = overrides.applyTo(catalogue.require(type));
            JobHandler<?> instance = handler != null ? handler : JobHandlerLoader.instantiate(definition, config);
            return assemble(definition, instance);
        }

        private <P> JobFunction assemble(JobDefinition definition, JobHandler<P> instance) {
            @SuppressWarnings("unchecked")
            Class<P> payloadClass = (Class<P>) JobClasses.load(definition.payloadClass(), definition);
            ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, daemon("sluice-" + type + "-watchdog"));
            // Nearly every job finishes before its timeout; without this, cancelled alarms pile up for the timeout.
            watchdog.setRemoveOnCancelPolicy(true);
            ThreadPoolExecutor lanes = new ThreadPoolExecutor(definition.parallelism(), definition.parallelism(), 0L, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), daemon("sluice-" + type + "-lane"));
            // Threads are made during init, so SnapStart's snapshot has them and the first batch does not pay.
            lanes.prestartAllCoreThreads();
            if (!definition.rateLimit().isUnlimited() && rateLimiter == RateLimiter.NONE) {
                throw new IllegalStateException("job type '" + type + "' has rate limits " + definition.rateLimit()
                        + " but no rate limiter was configured");
            }
            JobPipeline<P> pipeline = JobPipeline.builder(definition, catalogue, instance, payloadClass)
                    .clock(clock).random(random).watchdog(watchdog).store(store).rateLimiter(rateLimiter).build();
            return new JobFunction(definition, new BatchProcessor(pipeline, queues, lanes, listener, store, metrics, clock), lanes, watchdog);
        }

        private static ThreadFactory daemon(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
