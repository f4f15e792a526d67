package io.sluice.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.client.EnqueueOptions;
import io.sluice.client.JobReceipt;
import io.sluice.client.JobRejectedException;
import io.sluice.client.RecurringSchedule;
import io.sluice.client.SchedulePage;
import io.sluice.client.SluiceClient;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.store.DiscardRecords;
import io.sluice.store.DynamoDbJobStore;
import io.sluice.store.JobRecord;
import io.sluice.store.JobSearch;
import io.sluice.store.JobState;
import io.sluice.store.JobStore;
import io.sluice.store.Page;
import io.sluice.topology.JobTopology;
import io.sluice.topology.JobsTable;
import io.sluice.topology.QueueSpec;
import io.sluice.topology.SluiceEnvironment;
import io.sluice.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything an operator does to a running Sluice, in one place that the CLI, the Jobs HTTP API and the console all
 * call (and nothing goes around): status per type and priority, dead letters (list and show without consuming,
 * redrive, discard), pause and resume, job lookup and search, cancel, enqueue. Plain records in and out; nothing
 * here prints. It works against AWS and against sluice-local alike: the clients decide where
 * ({@link OperationsClients#fromEnvironment()} follows the SDK's standard endpoint settings).
 *
 * <p>Bad requests (an unknown type, a priority the type does not take, a bad limit) are an
 * {@link OperationException} naming what was wrong and what would be right; AWS failures keep the SDK's exception.
 * Thread-safe; one per process.
 *
 * <pre>{@code
 * try (OperationsClients clients = OperationsClients.fromEnvironment()) {
 *     SluiceOperations ops = SluiceOperations.builder().clients(clients).build();
 *     ops.redrive("webhook", null, DeadLetterFilter.byReason("max-attempts"), 100);
 * }
 * }</pre>
 */
public final class SluiceOperations {
    /** The window {@link #status()} summarises history over. */
    public static final Duration STATUS_WINDOW = Duration.ofHours(1);

    private final String app;
    private final Catalogue catalogue;
    private final Clock clock;
    private final OperationsClients clients;
    private final QueueDirectory queues;
    private final DeadLetterQueues deadLetters;
    private final Consumption consumption;
    private final JobHistory history;
    private final DiscardRecords discards;
    private final FunctionMetrics metrics;
    private final SluiceClient producer;
    private final String scheduleGroup;
    private final StatusReader status;
    private final JobLookup lookup;

    private SluiceOperations(Builder b) {
        this.app = b.app;
        this.catalogue = b.catalogue != null ? b.catalogue : Catalogue.load();
        this.clock = b.clock;
        this.clients = Objects.requireNonNull(b.clients, "clients");
        this.scheduleGroup = b.app;
        Topology topology = Topology.derive(app, catalogue);
        this.queues = new QueueDirectory(clients.sqs(), topology);
        this.discards = new DiscardRecords(clients.dynamoDb(), JobsTable.name(app));
        this.metrics = new FunctionMetrics(clients.cloudWatch());
        this.deadLetters = new DeadLetterQueues(clients.sqs(), queues, discards, clock);
        this.consumption = new Consumption(clients.lambda(), clients.scheduler(), queues, scheduleGroup);
        this.history = new JobHistory(
                new DynamoDbJobStore(clients.dynamoDb(), JobsTable.name(app), JobStore.Retention.DEFAULT));
        SluiceClient.Builder producer = SluiceClient.builder()
                .app(app)
                .catalogue(catalogue)
                .sqs(clients.sqs())
                .scheduler(clients.scheduler())
                .dynamoDb(clients.dynamoDb())
                .clock(clock);
        if (b.schedulerRoleArn != null) {
            producer.schedulerRoleArn(b.schedulerRoleArn);
        }
        this.producer = producer.build();
        this.status = new StatusReader(app, clock, clients.sqs(), queues, deadLetters, consumption, history, metrics);
        this.lookup = new JobLookup(app, catalogue, clients.scheduler(), scheduleGroup, history, discards, deadLetters);
    }

    /** A builder: app {@code sluice} (or {@code SLUICE_APP}), the classpath catalogue, the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    public String app() {
        return app;
    }

    /** The job types of the catalogue, in catalogue order. */
    public List<String> types() {
        return queues.topology().jobs().stream().map(JobTopology::type).toList();
    }

    /** Every type: depths, pause state, schedules, the last hour of history and the settings. */
    public StatusReport status() {
        return status.all();
    }

    /**
     * Every type's status with its last {@link #STATUS_WINDOW} per minute, for a face that shows both (the console's
     * overview): each type's history is read once for the summary and the per-minute counts together.
     */
    public List<TypeOverview> overview() {
        return status.overview();
    }

    /** One type's status. */
    public TypeStatus status(String type) {
        return status.of(type);
    }

    /**
     * The dead letters of a type (every priority, or one), oldest first, read without consuming them.
     *
     * @param limit the most messages read per dead-letter queue, 1 to 1000
     * @param withBodies whether to carry the bodies (payloads) too
     */
    public DeadLetterPage deadLetters(
            String type, Priority priority, DeadLetterFilter filter, int limit, boolean withBodies) {
        return deadLetters.list(type, priority, filter, limit, withBodies);
    }

    /** One dead letter of a type, by job id or SQS message id; {@code NOT_FOUND} when no dead-letter queue holds it. */
    public DeadLetter deadLetter(String type, String id, boolean withBody) {
        return deadLetters
                .show(type, id, withBody)
                .orElseThrow(() -> OperationException.notFound("no dead letter of " + type
                        + " has job id or message id '" + id + "'; `dlq list " + type + "` shows what is there"));
    }

    /**
     * Sends the selected dead letters back to their queues with a fresh attempt budget. {@link DeadLetterFilter#ALL}
     * moves each whole dead-letter queue with SQS's {@code StartMessageMoveTask}; any other filter moves exactly the
     * matching messages, each sent before it is deleted.
     *
     * @param limit the most messages examined per dead-letter queue, 1 to 1000 (ignored for a whole-queue move)
     */
    public RedriveResult redrive(String type, Priority priority, DeadLetterFilter filter, int limit) {
        return deadLetters.redrive(type, priority, filter, limit);
    }

    /** Deletes the selected dead letters for good, each after a discard record in its job's history. */
    public DiscardResult discard(String type, Priority priority, DeadLetterFilter filter, String note, int limit) {
        if (filter.isEverything()) {
            throw OperationException.invalid("discard needs a selection (a reason, ids or an age); it refuses to"
                    + " empty a dead-letter queue unselected. To discard everything, select by age: 0s");
        }
        return deadLetters.discard(type, priority, filter, note, limit);
    }

    /** Stops consumption of a type, or of one of its priorities ({@code null}: all), and its recurring schedules. */
    public PauseResult pause(String type, Priority priority) {
        return consumption.set(type, priority, false);
    }

    /** Restarts what {@link #pause} stopped. */
    public PauseResult resume(String type, Priority priority) {
        return consumption.set(type, priority, true);
    }

    /**
     * Everything known about a job: its history, and where it is now. A job without history is looked for in the
     * one-time schedules and the dead-letter queues (where a job dead-lettered before it parsed is known by its
     * message id). Jobs waiting in a source queue without history cannot be read without receiving them, which would
     * count against their redrive budget, so they are not looked for there.
     */
    public JobView job(String jobId) {
        return lookup.job(jobId, types());
    }

    /**
     * Jobs matching a search, newest first by last change, served by index queries (a type or an idempotency key is
     * required).
     */
    public Page<JobRecord> search(JobSearch search, int limit, String pageToken) {
        if (search.type() != null) {
            queues.job(search.type());
        }
        return history.search(search, limit, pageToken);
    }

    /** Dead-lettered jobs of every type that finished in {@code [from, to)}, newest first. */
    public Page<JobRecord> failures(Instant from, Instant to, int limit, String pageToken) {
        if (!from.isBefore(to)) {
            throw OperationException.invalid("the window must start before it ends: from " + from + ", to " + to);
        }
        return history.store().failures(from, to, limit, pageToken);
    }

    /** Cancels a job that has not started, through the producer client's cancellation record. */
    public CancelResult cancel(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw OperationException.invalid("job id is empty; give the id enqueue printed");
        }
        if (producer.cancel(jobId)) {
            return new CancelResult(jobId, true, JobState.CANCELLED.wireName());
        }
        return new CancelResult(
                jobId,
                false,
                history.store().get(jobId).map(j -> j.state().wireName()).orElse(null));
    }

    /** Enqueues a job with the producer client's checks; a refusal is {@code INVALID} with the client's reason. */
    public JobReceipt enqueue(String type, String payloadJson, EnqueueOptions options) {
        try {
            return producer.enqueue(type, payloadJson, options);
        } catch (JobRejectedException e) {
            throw new OperationException(OperationException.Kind.INVALID, e.getMessage(), e);
        }
    }

    /** The app's recurring schedules, catalogue ones included. */
    public List<RecurringSchedule> schedules() {
        return producer.schedules();
    }

    /** One page of {@link #schedules()}; see {@link io.sluice.client.SluiceClient#schedules(String, int)}. */
    public SchedulePage schedules(String pageToken, int pageSize) {
        return producer.schedules(pageToken, pageSize);
    }

    /**
     * Creates (or replaces) a run-time recurring schedule that runs {@code type} with {@code payloadJson} at each
     * firing, through the producer client's checks; a refusal (name, expression, zone, type, priority, payload) is
     * {@code INVALID} with the client's reason.
     *
     * @param timezone IANA zone the cron fields are read in; {@code null} for UTC
     * @param priority one the type declares; {@code null} for its default
     */
    public RecurringSchedule schedule(
            String name, String expression, String timezone, String type, String payloadJson, Priority priority) {
        JsonNode payload;
        try {
            payload = SluiceJson.mapper().readTree(payloadJson == null ? "{}" : payloadJson);
        } catch (JsonProcessingException e) {
            throw OperationException.invalid("the payload is not JSON (" + e.getOriginalMessage()
                    + "); give a JSON object such as {\"url\":\"https://example.com/hook\"}");
        }
        if (types().stream().noneMatch(type::equals)) {
            throw OperationException.invalid(
                    "unknown job type '" + type + "'; the catalogue has: " + String.join(", ", types()));
        }
        try {
            return producer.schedule(name, expression, timezone, type, payload, priority);
        } catch (JobRejectedException e) {
            throw new OperationException(OperationException.Kind.INVALID, e.getMessage(), e);
        }
    }

    /**
     * Deletes a run-time recurring schedule; catalogue schedules belong to the deployment and are refused (pause their
     * type instead). {@code NOT_FOUND} when no such schedule exists.
     */
    public void unschedule(String name) {
        RecurringSchedule schedule = producer.schedules().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> OperationException.notFound(
                        "no recurring schedule '" + name + "' in app '" + app + "'; `schedules list` shows them"));
        if (schedule.declaredByCatalogue()) {
            throw OperationException.invalid("schedule '" + name + "' is declared by the catalogue (@Job schedule) and"
                    + " deployed with the app; pause its type instead, or remove it from the job class");
        }
        producer.unschedule(name);
    }

    /** The queue specs of a type (for faces that print them). */
    public List<QueueSpec> queues(String type) {
        return queues.job(type).queues();
    }

    /** The clock the operations read time from. */
    public Clock clock() {
        return clock;
    }

    /** Builds {@link SluiceOperations}. */
    public static final class Builder {
        private String app = envOr(SluiceEnvironment.APP, Topology.DEFAULT_APP);
        private Catalogue catalogue;
        private OperationsClients clients;
        private Clock clock = Clock.systemUTC();
        private String schedulerRoleArn = System.getenv(SluiceEnvironment.SCHEDULER_ROLE_ARN);

        private Builder() {}

        /** The app name the stack was deployed with (queue prefix, table prefix, schedule group). */
        public Builder app(String value) {
            if (value == null || !Topology.APP_NAME.matcher(value).matches()) {
                throw OperationException.invalid("app name '" + value + "' must match [a-z][a-z0-9-]{0,19}");
            }
            app = value;
            return this;
        }

        /** The job catalogue; by default the classpath's. */
        public Builder catalogue(Catalogue value) {
            catalogue = value;
            return this;
        }

        /** The AWS clients; required. Not closed by the operations. */
        public Builder clients(OperationsClients value) {
            clients = value;
            return this;
        }

        /** The clock; tests fix it. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The role Scheduler assumes for jobs enqueued more than 15 minutes ahead; by default {@code SLUICE_SCHEDULER_ROLE_ARN}. */
        public Builder schedulerRoleArn(String value) {
            schedulerRoleArn = value;
            return this;
        }

        public SluiceOperations build() {
            return new SluiceOperations(this);
        }

        private static String envOr(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }
}
