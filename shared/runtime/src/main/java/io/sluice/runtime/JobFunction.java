package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobClasses;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.JobOverrides;
import io.sluice.job.JobConfig;
import io.sluice.job.JobHandler;
import io.sluice.runtime.limit.DynamoDbRateLimiter;
import io.sluice.runtime.limit.RateLimiter;
import io.sluice.runtime.metrics.JobTypeMetrics;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobStore;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import io.sluice.topology.Topology;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One job type's function, assembled: its effective definition (catalogue plus overrides), its handler,
 * the pipeline and the batch processor with their threads. Built once per Lambda execution environment
 * (during init, where SnapStart snapshots it) or once per emulated environment in sluice-local, then
 * called per batch.
 *
 * <p>{@link #from(Catalogue, Map, Clients)} is the composition root: the one place a function is assembled from
 * its environment variables (the {@link SluiceEnvironment} names: {@code SLUICE_JOB_TYPE} picks the type,
 * {@code SLUICE_APP} and the table names place its job state, the {@code SLUICE_<KEY>} overrides adjust its
 * definition as {@link JobOverrides} describes, the rest configures its handler) and the {@link Clients} it
 * talks to. Lambda reaches it through {@link #fromEnvironment()}, sluice-local with a map it builds for each
 * type, so both run the same assembly. {@link #builder} is the engine beneath, and the seam for tests that
 * inject a handler, a clock, randomness or a listener.
 *
 * <p>Over 400 lines on purpose, as one cohesive thing: the composition root, the environment it reads, the clients it
 * is given and the builder it drives are the one place a function is put together; each stage, listener and store
 * it wires has its own file.
 */
public final class JobFunction implements AutoCloseable {
    private final JobDefinition definition;
    private final BatchProcessor processor;
    private final ExecutorService lanes;
    private final ScheduledExecutorService watchdog;
    private final Rehearsal rehearsal;
    private final DoubleSupplier random;
    private final List<Runnable> afterRestore = new CopyOnWriteArrayList<>();

    private JobFunction(
            JobDefinition definition,
            BatchProcessor processor,
            ExecutorService lanes,
            ScheduledExecutorService watchdog,
            Rehearsal rehearsal,
            DoubleSupplier random) {
        this.definition = definition;
        this.processor = processor;
        this.lanes = lanes;
        this.watchdog = watchdog;
        this.rehearsal = rehearsal;
        this.random = random;
    }

    /**
     * The function as Lambda runs it: the process environment, SQS and DynamoDB through the URLConnection client,
     * each client guarded for priming ({@link RehearsalGuard}) and signing with credentials that are resolved afresh
     * after a SnapStart restore ({@link RestorableCredentials}).
     */
    public static JobFunction fromEnvironment() {
        Map<String, String> environment = System.getenv();
        // Before any client is built: without a region the SDK would fail first, with a message that hides this one.
        jobType(environment);
        RestorableCredentials credentials = new RestorableCredentials();
        JobFunction function = from(environment, Clients.lambda(credentials));
        function.afterRestore.add(credentials::refresh);
        return function;
    }

    /**
     * SnapStart priming, before the snapshot: runs the {@link Rehearsal} (one message of this type through the real
     * batch path with a stand-in handler; no request leaves the process, nothing is written).
     */
    public Rehearsal.Report prime() {
        return rehearsal.run();
    }

    /**
     * After a SnapStart restore: what must not be shared by the environments restored from one snapshot is made
     * again: the jitter generator (if it is the default {@link SnapSafeRandom}) and, on Lambda, the credentials chain.
     * The URLConnection client keeps no pool of its own, and priming opens no connection, so the snapshot holds none.
     */
    public void restored() {
        if (random instanceof SnapSafeRandom snapSafe) {
            snapSafe.reset();
        }
        afterRestore.forEach(Runnable::run);
    }

    /** A function of a type in the catalogue this runtime's class loader sees, assembled as {@link #from(Catalogue, Map, Clients)} says. */
    public static JobFunction from(Map<String, String> environment, Clients clients) {
        return from(Catalogue.load(), environment, clients);
    }

    /**
     * Assembles the function that {@code environment} describes. The type's definition is the catalogue's with
     * the environment's {@code SLUICE_<KEY>} overrides applied. Overrides set values, so applying them to a
     * catalogue that already has them (sluice-local derives its queues from one) changes nothing. With a DynamoDB
     * client the function keeps job history, idempotency and rate limits in {@code SLUICE_JOBS_TABLE} and
     * {@code SLUICE_RATE_LIMITS_TABLE} (default {@code <app>-jobs}, {@code <app>-rate-limits}), history for
     * {@code SLUICE_HISTORY_RETENTION} (default 30 days) and idempotency keys for {@code SLUICE_IDEMPOTENCY_WINDOW}
     * (default 24 hours); metrics go out as one EMF document per batch.
     *
     * @param catalogue the job types the function knows, its own among them
     * @throws IllegalStateException if {@code SLUICE_JOB_TYPE} is missing, a duration is malformed, or the type has
     *     rate limits but {@code clients} has no DynamoDB client to count them
     * @throws IllegalArgumentException if the type is unknown or an override is malformed
     */
    public static JobFunction from(Catalogue catalogue, Map<String, String> environment, Clients clients) {
        String type = jobType(environment);
        String app = environment.getOrDefault(SluiceEnvironment.APP, Topology.DEFAULT_APP);
        Builder builder = builder(type, catalogue)
                .overrides(JobOverrides.fromEnvironment(environment))
                .config(JobConfig.fromMap(environment))
                .queues(clients.queues())
                .clock(clients.clock())
                .listener(clients.listener())
                .deferrals(DeferralBudget.from(environment));
        if (clients.dynamoDb().isPresent()) {
            DynamoDbClient dynamoDb = clients.dynamoDb().get();
            JobStore.Retention retention = new JobStore.Retention(
                    duration(environment, SluiceEnvironment.HISTORY_RETENTION, JobStore.Retention.DEFAULT.history()),
                    duration(
                            environment,
                            SluiceEnvironment.IDEMPOTENCY_WINDOW,
                            JobStore.Retention.DEFAULT.idempotencyWindow()));
            JobStore store = new DynamoDbJobStore(
                    dynamoDb, environment.getOrDefault(SluiceEnvironment.JOBS_TABLE, JobsTable.name(app)), retention);
            RateLimiter limiter = new DynamoDbRateLimiter(
                    dynamoDb, environment.getOrDefault(SluiceEnvironment.RATE_LIMITS_TABLE, RateLimitTable.name(app)));
            builder.store(store).rateLimiter(limiter);
            // Priming may use the real store only through a client whose every request it can stop.
            RehearsalGuard.on(dynamoDb)
                    .ifPresent(guard -> builder.rehearsal = new Rehearsal.Guarded(store, limiter, List.of(guard)));
        }
        if (!"off"
                .equalsIgnoreCase(environment
                        .getOrDefault(SluiceEnvironment.METRICS, "on")
                        .trim())) {
            builder.metrics(JobTypeMetrics.forJobType(type, clients.clock()));
        }
        return builder.build();
    }

    private static String jobType(Map<String, String> environment) {
        String type = environment.get(SluiceEnvironment.JOB_TYPE);
        if (type == null || type.isBlank()) {
            throw new IllegalStateException(
                    SluiceEnvironment.JOB_TYPE + " is not set; it must name the job type this function runs");
        }
        return type.trim();
    }

    private static java.time.Duration duration(Map<String, String> env, String name, java.time.Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return io.sluice.catalogue.DurationParser.parse(name, value.trim(), "P30D or PT24H");
        } catch (io.sluice.catalogue.DurationParser.InvalidDuration e) {
            // A function with a bad setting must not start: the same message, as a startup failure.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * What a function talks to. {@code dynamoDb} holds its job history, idempotency records and rate-limit counters;
     * without it ({@link #withoutJobState}) the function records nothing, counts attempts from SQS's receives and
     * refuses a type with rate limits. {@code clock} times deadlines, not-before times, rate limits, claims and
     * metrics; {@code listener} is told every outcome.
     */
    public record Clients(
            QueueOperations queues, Optional<DynamoDbClient> dynamoDb, Clock clock, OutcomeListener listener) {
        public Clients {
            Objects.requireNonNull(queues, "queues");
            Objects.requireNonNull(dynamoDb, "dynamoDb");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(listener, "listener");
        }

        /** SQS through {@code queues} and job state in DynamoDB, on the system UTC clock, told to nobody. */
        public static Clients of(QueueOperations queues, DynamoDbClient dynamoDb) {
            return new Clients(queues, Optional.of(dynamoDb), Clock.systemUTC(), OutcomeListener.NONE);
        }

        /** SQS through {@code queues} and no job state at all, on the system UTC clock, told to nobody. */
        public static Clients withoutJobState(QueueOperations queues) {
            return new Clients(queues, Optional.empty(), Clock.systemUTC(), OutcomeListener.NONE);
        }

        /**
         * Lambda's clients: the SDK reads {@code AWS_REGION} and {@code AWS_ENDPOINT_URL(_SQS)} itself, so the function
         * can be pointed at sluice-local or LocalStack without code changes.
         */
        static Clients lambda(RestorableCredentials credentials) {
            SqsClient sqs = bounded(SqsClient.builder(), credentials).build();
            DynamoDbClient dynamoDb =
                    bounded(DynamoDbClient.builder(), credentials).build();
            return of(new SqsQueueOperations(sqs), dynamoDb);
        }

        /**
         * Bounded calls: a hung SQS or DynamoDB call must fail inside the invocation, not run it out. The JDK's
         * URL connection client keeps the jar free of Netty and Apache's; the guard stops a rehearsal's calls.
         */
        private static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B bounded(
                B builder, RestorableCredentials credentials) {
            return builder.httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(credentials)
                    .overrideConfiguration(c -> c.apiCallTimeout(java.time.Duration.ofSeconds(10))
                            .apiCallAttemptTimeout(java.time.Duration.ofSeconds(3))
                            .addExecutionInterceptor(new RehearsalGuard()));
        }

        public Clients withClock(Clock value) {
            return new Clients(queues, dynamoDb, value, listener);
        }

        public Clients withListener(OutcomeListener value) {
            return new Clients(queues, dynamoDb, clock, value);
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

    /**
     * Assembles a {@link JobFunction} from parts: what {@link #from(Catalogue, Map, Clients)} drives, and what tests use
     * to inject a handler, a clock, randomness or a listener. Every collaborator has a default except the queues.
     */
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
        private DeferralBudget deferrals = DeferralBudget.DEFAULT;
        private Rehearsal.Guarded rehearsal = Rehearsal.Guarded.NONE;

        /** How often and for how long a handler may defer a job; default {@link DeferralBudget#DEFAULT}. */
        public Builder deferrals(DeferralBudget value) {
            this.deferrals = Objects.requireNonNull(value, "deferrals");
            return this;
        }

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
            this.store = Objects.requireNonNull(value, "store: JobStore.NONE for none");
            return this;
        }

        /** Rate-limit counters, used when the type has limits. Default {@link RateLimiter#NONE}, allowed only for a type without limits. */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter: RateLimiter.NONE for none");
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
            ScheduledThreadPoolExecutor watchdog =
                    new ScheduledThreadPoolExecutor(1, daemon("sluice-" + type + "-watchdog"));
            // Nearly every job finishes before its timeout; without this, cancelled alarms pile up for the timeout.
            watchdog.setRemoveOnCancelPolicy(true);
            ThreadPoolExecutor lanes = new ThreadPoolExecutor(
                    definition.parallelism(),
                    definition.parallelism(),
                    0L,
                    TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(),
                    daemon("sluice-" + type + "-lane"));
            // Threads are made during init, so SnapStart's snapshot has them and the first batch does not pay.
            lanes.prestartAllCoreThreads();
            if (!definition.rateLimit().isUnlimited() && rateLimiter == RateLimiter.NONE) {
                throw new IllegalStateException("job type '" + type + "' has rate limits " + definition.rateLimit()
                        + " but no rate limiter was configured");
            }
            JobPipeline<P> pipeline = JobPipeline.builder(definition, catalogue, instance, payloadClass)
                    .clock(clock)
                    .random(random)
                    .watchdog(watchdog)
                    .store(store)
                    .rateLimiter(rateLimiter)
                    .deferrals(deferrals)
                    .build();
            Rehearsal rehearsal = new Rehearsal(
                    definition,
                    catalogue,
                    payloadClass,
                    clock,
                    watchdog,
                    lanes,
                    deferrals,
                    this.rehearsal,
                    metrics,
                    queues);
            return new JobFunction(
                    definition,
                    new BatchProcessor(
                            pipeline,
                            queues,
                            lanes,
                            List.of(new JobRecorder(store, clock), new OutcomeCounter(), listener),
                            metrics),
                    lanes,
                    watchdog,
                    rehearsal,
                    random);
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
