package io.sluice.local;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobOverrides;
import io.sluice.job.Priority;
import io.sluice.local.emulator.ElasticMqServer;
import io.sluice.local.emulator.SchedulerEmulator;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.local.scheduler.CatalogueSchedules;
import io.sluice.local.scheduler.JournalScheduleStore;
import io.sluice.local.scheduler.ScheduleStore;
import io.sluice.local.scheduler.SchedulerAccount;
import io.sluice.local.scheduler.SqsTargetSender;
import io.sluice.moto.DynamoDbRequestCounter;
import io.sluice.moto.MotoOptions;
import io.sluice.moto.MotoServer;
import io.sluice.moto.RequestPriority;
import io.sluice.moto.TableCreator;
import io.sluice.runtime.JobFunction;
import io.sluice.runtime.SqsQueueOperations;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobStore;
import io.sluice.topology.JobTopology;
import io.sluice.topology.JobsTable;
import io.sluice.topology.RateLimitTable;
import io.sluice.topology.SluiceEnvironment;
import io.sluice.topology.Topology;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * sluice-local in one object: the emulators (or the endpoints it was pointed at), the queues of the
 * topology derived from the same catalogue the CDK app reads, and one event-source-mapping emulator per
 * queue running the real Lambda entry point. {@link #close()} shuts down gracefully: pollers stop, in-flight
 * jobs finish and are acknowledged, then the emulators stop.
 */
public final class LocalRuntime implements AutoCloseable {
    private final LocalOptions options;
    private final Topology topology;
    private final Catalogue catalogue;
    private final ElasticMqServer elasticMq;
    private final MotoServer dynamoDb;
    private final URI sqsEndpoint;
    private final URI dynamoDbEndpoint;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDbClient;
    private final Map<Priority, DynamoDbClient> byPriority = new java.util.EnumMap<>(Priority.class);

    private final DynamoDbRequestCounter dynamoDbRequests = new DynamoDbRequestCounter();
    private final JobStore store;
    private final SqsQueueOperations queueOperations;
    /** The {@code --set} overrides of each type ({@code key -> value}), already applied to {@link #catalogue}. */
    private final Map<String, Map<String, String>> overrides;

    private final Map<String, QueueProvisioner.Provisioned> queues = new LinkedHashMap<>();
    private final List<EventSourceMappingEmulator> mappings = new ArrayList<>();
    private SchedulerEmulator scheduler;
    private io.sluice.local.esm.http.LambdaApiServer lambdaApi;
    private io.sluice.local.cloudwatch.CloudWatchApiServer cloudWatchApi;
    private final java.util.Set<Integer> ownPorts = new java.util.TreeSet<>();

    private LocalRuntime(
            LocalOptions options,
            Catalogue catalogue,
            Map<String, Map<String, String>> overrides,
            Topology topology,
            ElasticMqServer elasticMq,
            MotoServer dynamoDb,
            URI sqsEndpoint,
            URI dynamoDbEndpoint,
            SqsClient sqs) {
        this.options = options;
        this.catalogue = catalogue;
        this.overrides = Map.copyOf(overrides);
        this.topology = topology;
        this.elasticMq = elasticMq;
        this.dynamoDb = dynamoDb;
        this.sqsEndpoint = sqsEndpoint;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.sqs = sqs;
        this.dynamoDbClient = dynamoDbClient(dynamoDbEndpoint, options.region(), dynamoDbRequests);
        this.store = new DynamoDbJobStore(dynamoDbClient, JobsTable.name(options.app()), JobStore.Retention.DEFAULT);
        // One for all functions, as before: it caches queue URLs and dead-letter targets, which never change here.
        this.queueOperations = new SqsQueueOperations(sqs);
    }

    /**
     * Starts the emulators it owns, creates every queue and starts the scheduler emulator with the catalogue's
     * schedules; consumers, and the scheduler's firing, start with {@link #startConsumers()}.
     */
    public static LocalRuntime start(LocalOptions options) {
        Catalogue all = Catalogue.load();
        Catalogue selected = options.types().isEmpty() ? all : all.only(options.types());
        Map<String, Map<String, String>> byType = splitOverrides(options.overrides(), all);
        Catalogue effective = selected.withOverrides(type -> new JobOverrides(byType.getOrDefault(type, Map.of())));
        Topology topology = Topology.derive(options.app(), effective);

        ElasticMqServer elasticMq = null;
        MotoServer dynamoDb = null;
        LocalRuntime runtime;
        try {
            URI sqsEndpoint = options.sqsEndpoint();
            if (sqsEndpoint == null) {
                elasticMq = ElasticMqServer.start(
                        "127.0.0.1",
                        options.sqsPort(),
                        options.region(),
                        options.dataDirectory() == null ? null : dataDirectory(options));
                sqsEndpoint = elasticMq.endpoint();
            }
            URI dynamoDbEndpoint = options.dynamoDbEndpoint();
            if (dynamoDbEndpoint == null) {
                dynamoDb = startDynamoDb(options);
                dynamoDbEndpoint = dynamoDb.endpoint();
            }
            SqsClient sqs = sqsClient(sqsEndpoint, options.region());
            runtime = new LocalRuntime(
                    options, effective, byType, topology, elasticMq, dynamoDb, sqsEndpoint, dynamoDbEndpoint, sqs);
        } catch (RuntimeException e) {
            if (elasticMq != null) {
                elasticMq.close();
            }
            if (dynamoDb != null) {
                dynamoDb.close();
            }
            throw e;
        }
        try {
            runtime.provision();
            runtime.startScheduler();
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /** The file in a data directory that keeps moto's tables across restarts. */
    public static final String DYNAMODB_DATA_FILE = "sluice-dynamodb.pickle";

    /**
     * moto's DynamoDB on 127.0.0.1, its tables in {@value #DYNAMODB_DATA_FILE} of the data directory if there is one.
     * A missing python3 or moto surfaces as {@link io.sluice.moto.MotoUnavailableException}, whose message says
     * what to install.
     */
    private static MotoServer startDynamoDb(LocalOptions options) {
        MotoOptions moto = MotoOptions.onPort(options.dynamoDbPort());
        if (options.python() != null) {
            moto = moto.withPython(options.python());
        }
        if (options.dataDirectory() != null) {
            moto = moto.withDataFile(dataDirectory(options).resolve(DYNAMODB_DATA_FILE));
        }
        try {
            return MotoServer.start(moto);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    e.getMessage() + "; pick another port with --dynamodb-port or use a running "
                            + "DynamoDB with --dynamodb-endpoint",
                    e);
        }
    }

    /** The data directory, created if missing. */
    private static Path dataDirectory(LocalOptions options) {
        Path directory = Path.of(options.dataDirectory());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory + ": " + e.getMessage());
        }
        return directory;
    }

    /** An SQS client for an endpoint, as any other local program would build it. */
    public static SqsClient sqsClient(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A DynamoDB client for an endpoint, counting its requests. */
    public static DynamoDbClient dynamoDbClient(URI endpoint, String region, DynamoDbRequestCounter counter) {
        return dynamoDbClient(endpoint, region, counter, null);
    }

    /**
     * A DynamoDB client for an endpoint, counting its requests, that names {@code priority} on each (unless
     * {@code null}), so the local DynamoDB serves a high-priority queue's functions before a low-priority flood's
     * ({@link RequestPriority}).
     */
    static DynamoDbClient dynamoDbClient(
            URI endpoint, String region, DynamoDbRequestCounter counter, Priority priority) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    c.addExecutionInterceptor(counter);
                    if (priority != null) {
                        c.addExecutionInterceptor(new RequestPriority(priority.wireName()));
                    }
                })
                .build();
    }

    private void provision() {
        TableCreator tables = new TableCreator(dynamoDbClient);
        topology.tables().forEach(tables::createIfMissing);
        QueueProvisioner provisioner = new QueueProvisioner(sqs);
        for (JobTopology job : topology.jobs()) {
            for (var spec : job.queues()) {
                queues.put(spec.name(), provisioner.provision(spec));
            }
        }
    }

    /**
     * Starts the EventBridge Scheduler emulator on its port, with the schedules kept in the data directory (if
     * any) and the catalogue's recurring schedules installed; nothing fires until {@link #startConsumers()}.
     */
    private void startScheduler() {
        ScheduleStore store = options.dataDirectory() == null
                ? ScheduleStore.inMemory()
                : JournalScheduleStore.inDirectory(Path.of(options.dataDirectory()));
        scheduler = SchedulerEmulator.start(
                "127.0.0.1",
                options.schedulerPort(),
                new SchedulerAccount(options.region(), ElasticMqServer.ACCOUNT_ID),
                store,
                new SqsTargetSender(sqs),
                options.clock());
        CatalogueSchedules.install(
                scheduler.registry(),
                options.app(),
                catalogue,
                definition -> queueArn(definition.type(), definition.defaultPriority()));
    }

    /** Starts one event-source-mapping emulator per queue, and the scheduler's firing. */
    public synchronized void startConsumers() {
        if (!mappings.isEmpty()) {
            return;
        }
        scheduler.startFiring();
        Map<String, String> handlerSettings = handlerSettings();
        for (JobTopology job : topology.jobs()) {
            Map<String, String> environment = functionEnvironment(job.type(), handlerSettings);
            for (var spec : job.queues()) {
                QueueProvisioner.Provisioned q = queues.get(spec.name());
                EventSourceMappingEmulator mapping = new EventSourceMappingEmulator(
                        sqs,
                        q.url(),
                        q.arn(),
                        options.region(),
                        spec,
                        job.function(),
                        () -> JobFunction.from(catalogue, environment, clients(spec.priority())),
                        options.clock(),
                        options.pollWaitSeconds());
                mappings.add(mapping);
                mapping.start();
            }
        }
    }

    /**
     * A new execution environment of a type's function, assembled exactly as the mappings assemble theirs; the caller
     * closes it.
     */
    public JobFunction function(String type) {
        return JobFunction.from(catalogue, functionEnvironment(type, handlerSettings()), clients(null));
    }

    /**
     * The environment a type's function gets, as the stack's {@code FunctionEnvironment} would give it on Lambda: the
     * {@link SluiceEnvironment} names with this runtime's app and tables, the type's {@code --set} overrides as their
     * {@code SLUICE_<KEY>} variables, and the handler settings. The function applies the overrides again to
     * {@link #catalogue}, which already has them; overrides set values, so that changes nothing (and an empty value,
     * which removes a rate-limit key, is skipped when read from an environment, leaving the key removed).
     */
    private Map<String, String> functionEnvironment(String type, Map<String, String> handlerSettings) {
        Map<String, String> environment = new HashMap<>(handlerSettings);
        // Only --set changes a catalogue setting, as only sluice:overrides does in the stack: the queues were derived
        // from those, and a SLUICE_MAX_ATTEMPTS left in the shell must not change the function without them.
        JobOverrides.keys().forEach(key -> environment.remove(JobOverrides.environmentName(key)));
        environment.put(SluiceEnvironment.JOB_TYPE, type);
        environment.put(SluiceEnvironment.APP, options.app());
        environment.put(SluiceEnvironment.JOBS_TABLE, JobsTable.name(options.app()));
        environment.put(SluiceEnvironment.RATE_LIMITS_TABLE, RateLimitTable.name(options.app()));
        overrides
                .getOrDefault(type, Map.of())
                .forEach((key, value) -> environment.put(JobOverrides.environmentName(key), value));
        return environment;
    }

    /**
     * Marks a loopback port as this runtime's own (the Jobs API and the console, which {@code up} starts beside it):
     * webhooks are refused there as on the emulators' ports. Call before {@link #startConsumers()}.
     */
    public synchronized void ownPort(int port) {
        ownPorts.add(port);
    }

    /** Every loopback port this runtime and its children listen on, that a webhook must never reach. */
    synchronized java.util.Set<Integer> ownPorts() {
        java.util.Set<Integer> ports = new java.util.TreeSet<>(ownPorts);
        for (URI endpoint : java.util.Arrays.asList(
                sqsEndpoint(), dynamoDbEndpoint(), scheduler.endpoint(), lambdaEndpoint(), cloudWatchEndpoint())) {
            if (endpoint != null && endpoint.getPort() > 0 && isLoopback(endpoint.getHost())) {
                ports.add(endpoint.getPort());
            }
        }
        return ports;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }

    /**
     * The handlers' settings: the process environment, then {@code --config} ({@code --allow-host} entries added to
     * {@code SLUICE_WEBHOOK_ALLOW_HOSTS} there). No loopback target is allowed unless named; whatever is allowed,
     * {@code SLUICE_WEBHOOK_REFUSE_PORTS} closes this runtime's own ports, so a webhook job can never pause a type
     * through the Jobs API or write to DynamoDB's port. {@code SLUICE_HISTORY_RETENTION} and
     * {@code SLUICE_IDEMPOTENCY_WINDOW} are read from here too.
     */
    private Map<String, String> handlerSettings() {
        Map<String, String> settings = new HashMap<>(System.getenv());
        // EMF documents go to stdout outside Lambda, where they would bury up's and the demo's output; the same code
        // path publishes them when asked (SLUICE_METRICS=on in the environment or with --config).
        settings.putIfAbsent(SluiceEnvironment.METRICS, "off");
        settings.putAll(options.config());
        java.util.Set<String> refused = new java.util.LinkedHashSet<>();
        String asked = settings.get("SLUICE_WEBHOOK_REFUSE_PORTS");
        if (asked != null && !asked.isBlank()) {
            refused.addAll(java.util.Arrays.asList(asked.split("\\s*,\\s*")));
        }
        ownPorts().forEach(p -> refused.add(Integer.toString(p)));
        settings.put("SLUICE_WEBHOOK_REFUSE_PORTS", String.join(",", refused));
        return settings;
    }

    /** With job state, the functions keep history, claims and rate limits in this runtime's tables; without, none. */
    private JobFunction.Clients clients(Priority priority) {
        JobFunction.Clients clients = options.jobState()
                ? JobFunction.Clients.of(queueOperations, priority == null ? dynamoDbClient : queueClient(priority))
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
                priority, p -> dynamoDbClient(dynamoDbEndpoint, options.region(), dynamoDbRequests, p));
    }

    /**
     * Stops the scheduler's firing and every consumer gracefully (in-flight batches finish);
     * {@link #startConsumers()} starts fresh ones.
     */
    public synchronized void stopConsumers() {
        scheduler.stopFiring();
        closeMappings();
        mappings.clear();
    }

    public Topology topology() {
        return topology;
    }

    /** The catalogue the functions run, with the {@code --set} overrides applied. */
    public Catalogue catalogue() {
        return catalogue;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** Job history and idempotency, as the functions see them. */
    public JobStore jobStore() {
        return store;
    }

    /** DynamoDB requests made by every function of this runtime so far. */
    public DynamoDbRequestCounter dynamoDbRequests() {
        return dynamoDbRequests;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The EventBridge Scheduler emulator: its endpoint, its schedules, and its firing step for tests. */
    public SchedulerEmulator scheduler() {
        return scheduler;
    }

    /**
     * Serves the event source mappings through Lambda's API on {@code 127.0.0.1:port} (0: any free port), so pause and
     * resume reach the pollers as they reach Lambda's mappings; started once, stopped with the runtime.
     */
    public synchronized URI startLambdaApi(int port) {
        if (lambdaApi == null) {
            lambdaApi = io.sluice.local.esm.http.LambdaApiServer.start(
                    port, this::mappings, options.region(), ElasticMqServer.ACCOUNT_ID);
        }
        return lambdaApi.endpoint();
    }

    /**
     * Serves CloudWatch's {@code GetMetricData} over the pollers on {@code 127.0.0.1:port} (0: any free port), for the
     * executions, errors and throttles of {@code status}; started once, stopped with the runtime.
     */
    public synchronized URI startCloudWatchApi(int port) {
        if (cloudWatchApi == null) {
            cloudWatchApi = io.sluice.local.cloudwatch.CloudWatchApiServer.start(port, this::mappings, options.clock());
        }
        return cloudWatchApi.endpoint();
    }

    /** The CloudWatch API emulator's endpoint, or {@code null} before {@link #startCloudWatchApi}. */
    public synchronized URI cloudWatchEndpoint() {
        return cloudWatchApi == null ? null : cloudWatchApi.endpoint();
    }

    /** The Lambda API emulator's endpoint, or {@code null} before {@link #startLambdaApi}. */
    public synchronized URI lambdaEndpoint() {
        return lambdaApi == null ? null : lambdaApi.endpoint();
    }

    public String region() {
        return options.region();
    }

    public String app() {
        return options.app();
    }

    public List<EventSourceMappingEmulator> mappings() {
        return List.copyOf(mappings);
    }

    /** The URL of a type's queue for a priority. */
    public String queueUrl(String type, Priority priority) {
        return provisioned(type, priority).url();
    }

    /** The URL of the dead-letter queue of a type's priority queue. */
    public String deadLetterQueueUrl(String type, Priority priority) {
        return provisioned(type, priority).deadLetterUrl();
    }

    /** The ARN of a type's queue for a priority. */
    public String queueArn(String type, Priority priority) {
        return provisioned(type, priority).arn();
    }

    /** Every queue, by name, with its URL. */
    public Map<String, String> queueUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        queues.values().forEach(q -> {
            urls.put(q.spec().name(), q.url());
            urls.put(q.spec().deadLetterName(), q.deadLetterUrl());
        });
        return urls;
    }

    private QueueProvisioner.Provisioned provisioned(String type, Priority priority) {
        return queues.get(topology.job(type).queue(priority).name());
    }

    @Override
    public void close() {
        if (scheduler != null) {
            // First, so no firing lands in a queue whose consumers are already gone.
            scheduler.close();
        }
        synchronized (this) {
            if (lambdaApi != null) {
                lambdaApi.close();
            }
            if (cloudWatchApi != null) {
                cloudWatchApi.close();
            }
        }
        closeMappings();
        sqs.close();
        dynamoDbClient.close();
        byPriority.values().forEach(DynamoDbClient::close);
        if (elasticMq != null) {
            elasticMq.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private void closeMappings() {
        List<Thread> stopping = new ArrayList<>();
        for (EventSourceMappingEmulator m : mappings) {
            Thread t = new Thread(m::close, "stop-" + m.queue().name());
            stopping.add(t);
            t.start();
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, Map<String, String>> splitOverrides(Map<String, String> overrides, Catalogue catalogue) {
        Map<String, Map<String, String>> byType = new HashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            int dot = e.getKey().indexOf('.');
            if (dot < 1) {
                throw new IllegalArgumentException(
                        "override '" + e.getKey() + "' must be <type>.<key>, for example webhook.maxAttempts");
            }
            String type = e.getKey().substring(0, dot);
            catalogue.require(type);
            byType.computeIfAbsent(type, t -> new HashMap<>()).put(e.getKey().substring(dot + 1), e.getValue());
        }
        return byType;
    }
}
