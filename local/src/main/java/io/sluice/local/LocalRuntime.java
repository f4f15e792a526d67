package io.sluice.local;

import io.sluice.catalogue.Catalogue;
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
import io.sluice.moto.TableCreator;
import io.sluice.runtime.JobFunction;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobStore;
import io.sluice.topology.JobTopology;
import io.sluice.topology.JobsTable;
import io.sluice.topology.Topology;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * sluice-local in one object: the emulators (or the endpoints it was pointed at), the queues of the
 * topology derived from the same catalogue the CDK app reads, and one event-source-mapping emulator per
 * queue running the real Lambda entry point. {@link #close()} shuts down gracefully: pollers stop, in-flight
 * jobs finish and are acknowledged, then the emulators stop. The parts live beside it: {@link LocalEmulators},
 * {@link LocalQueues}, {@link FunctionEnvironments}, {@link FunctionClients}, {@link LocalConsumers} and
 * {@link MappingApis} and {@link OwnPorts}.
 */
public final class LocalRuntime implements AutoCloseable {
    /** The file in a data directory that keeps moto's tables across restarts. */
    public static final String DYNAMODB_DATA_FILE = "sluice-dynamodb.pickle";

    private final LocalOptions options;
    private final Topology topology;
    /** The catalogue with the {@code --set} overrides applied. */
    private final Catalogue catalogue;

    private final LocalEmulators emulators;
    private final SqsClient sqs;
    private final FunctionClients clients;
    private final JobStore store;
    private final FunctionEnvironments environments;
    private final LocalConsumers consumers = new LocalConsumers();
    private final MappingApis mappingApis;
    private final OwnPorts ownPorts = new OwnPorts();
    private LocalQueues queues;
    private SchedulerEmulator scheduler;

    private LocalRuntime(LocalOptions options, Catalogue catalogue, Topology topology, LocalEmulators emulators) {
        this.options = options;
        this.catalogue = catalogue;
        this.topology = topology;
        this.emulators = emulators;
        this.sqs = LocalClients.sqs(emulators.sqsEndpoint(), options.region());
        this.clients = new FunctionClients(options, sqs, emulators.dynamoDbEndpoint());
        this.store =
                new DynamoDbJobStore(clients.dynamoDb(), JobsTable.name(options.app()), JobStore.Retention.DEFAULT);
        this.environments = new FunctionEnvironments(options);
        this.mappingApis = new MappingApis(consumers::list, options.region(), options.clock());
    }

    /**
     * Starts the emulators it owns, creates every queue and starts the scheduler emulator with the catalogue's
     * schedules; consumers, and the scheduler's firing, start with {@link #startConsumers()}.
     */
    public static LocalRuntime start(LocalOptions options) {
        Catalogue all = Catalogue.load();
        Catalogue selected = options.types().isEmpty() ? all : all.only(options.types());
        TypeOverrides overrides = TypeOverrides.parse(options.overrides(), all);
        Catalogue effective = selected.withOverrides(overrides::of);
        Topology topology = Topology.derive(options.app(), effective);

        LocalEmulators emulators = LocalEmulators.start(options);
        LocalRuntime runtime;
        try {
            runtime = new LocalRuntime(options, effective, topology, emulators);
        } catch (RuntimeException e) {
            emulators.close();
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

    private void provision() {
        TableCreator tables = new TableCreator(clients.dynamoDb());
        topology.tables().forEach(tables::createIfMissing);
        queues = LocalQueues.provision(topology, sqs);
    }

    /**
     * Starts the EventBridge Scheduler emulator on its port, with the schedules kept in the data directory (if
     * any) and the catalogue's recurring schedules installed; nothing fires until {@link #startConsumers()}.
     */
    private void startScheduler() {
        ScheduleStore schedules = options.dataDirectory() == null
                ? ScheduleStore.inMemory()
                : JournalScheduleStore.inDirectory(Path.of(options.dataDirectory()));
        scheduler = SchedulerEmulator.start(
                "127.0.0.1",
                options.schedulerPort(),
                new SchedulerAccount(options.region(), ElasticMqServer.ACCOUNT_ID),
                schedules,
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
        if (consumers.running()) {
            return;
        }
        scheduler.startFiring();
        Map<String, String> handlerSettings = environments.handlerSettings(ownPorts());
        for (JobTopology job : topology.jobs()) {
            Map<String, String> environment = environments.of(job.type(), handlerSettings);
            for (var spec : job.queues()) {
                QueueProvisioner.Provisioned q = queues.named(spec.name());
                consumers.start(new EventSourceMappingEmulator(
                        sqs,
                        q.url(),
                        q.arn(),
                        options.region(),
                        spec,
                        job.function(),
                        () -> JobFunction.from(catalogue, environment, clients.of(spec.priority())),
                        options.clock(),
                        options.pollWaitSeconds()));
            }
        }
    }

    /**
     * A new execution environment of a type's function, assembled exactly as the mappings assemble theirs; the caller
     * closes it.
     */
    public JobFunction function(String type) {
        return JobFunction.from(
                catalogue, environments.of(type, environments.handlerSettings(ownPorts())), clients.of(null));
    }

    /**
     * Marks a loopback port as this runtime's own (the Jobs API and the console, which {@code up} starts beside it):
     * webhooks are refused there as on the emulators' ports. Call before {@link #startConsumers()}.
     */
    public void ownPort(int port) {
        ownPorts.mark(port);
    }

    /** Every loopback port this runtime and its children listen on, that a webhook must never reach. */
    Set<Integer> ownPorts() {
        return ownPorts.with(Arrays.asList(
                sqsEndpoint(), dynamoDbEndpoint(), scheduler.endpoint(), lambdaEndpoint(), cloudWatchEndpoint()));
    }

    /**
     * Stops the scheduler's firing and every consumer gracefully (in-flight batches finish);
     * {@link #startConsumers()} starts fresh ones.
     */
    public synchronized void stopConsumers() {
        scheduler.stopFiring();
        consumers.stop();
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
        return emulators.sqsEndpoint();
    }

    /** Job history and idempotency, as the functions see them. */
    public JobStore jobStore() {
        return store;
    }

    /** DynamoDB requests made by every function of this runtime so far. */
    public DynamoDbRequestCounter dynamoDbRequests() {
        return clients.requests();
    }

    public URI dynamoDbEndpoint() {
        return emulators.dynamoDbEndpoint();
    }

    /** The EventBridge Scheduler emulator: its endpoint, its schedules, and its firing step for tests. */
    public SchedulerEmulator scheduler() {
        return scheduler;
    }

    /**
     * Serves the event source mappings through Lambda's API on {@code 127.0.0.1:port} (0: any free port), so pause and
     * resume reach the pollers as they reach Lambda's mappings; started once, stopped with the runtime.
     */
    public URI startLambdaApi(int port) {
        return mappingApis.startLambdaApi(port);
    }

    /**
     * Serves CloudWatch's {@code GetMetricData} over the pollers on {@code 127.0.0.1:port} (0: any free port), for the
     * executions, errors and throttles of {@code status}; started once, stopped with the runtime.
     */
    public URI startCloudWatchApi(int port) {
        return mappingApis.startCloudWatchApi(port);
    }

    /** The CloudWatch API emulator's endpoint, or {@code null} before {@link #startCloudWatchApi}. */
    public URI cloudWatchEndpoint() {
        return mappingApis.cloudWatchEndpoint();
    }

    /** The Lambda API emulator's endpoint, or {@code null} before {@link #startLambdaApi}. */
    public URI lambdaEndpoint() {
        return mappingApis.lambdaEndpoint();
    }

    public String region() {
        return options.region();
    }

    public String app() {
        return options.app();
    }

    public List<EventSourceMappingEmulator> mappings() {
        return consumers.list();
    }

    /** The URL of a type's queue for a priority. */
    public String queueUrl(String type, Priority priority) {
        return queues.of(type, priority).url();
    }

    /** The URL of the dead-letter queue of a type's priority queue. */
    public String deadLetterQueueUrl(String type, Priority priority) {
        return queues.of(type, priority).deadLetterUrl();
    }

    /** The ARN of a type's queue for a priority. */
    public String queueArn(String type, Priority priority) {
        return queues.of(type, priority).arn();
    }

    /** Every queue, by name, with its URL. */
    public Map<String, String> queueUrls() {
        return queues.urls();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            // First, so no firing lands in a queue whose consumers are already gone.
            scheduler.close();
        }
        mappingApis.close();
        consumers.stop();
        sqs.close();
        clients.close();
        emulators.close();
    }
}
