package io.sluice.client;

import io.sluice.catalogue.Catalogue;
import io.sluice.job.Priority;
import io.sluice.lazy.Lazy;
import io.sluice.topology.JobsTable;
import io.sluice.topology.SluiceEnvironment;
import io.sluice.topology.Topology;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sluice's producer API: enqueue a job (now, after a delay, or at a time), enqueue many at once, cancel a
 * job that waits in a schedule, and keep recurring schedules created at run time. Every job and schedule is
 * checked against the job catalogue before anything is sent (type, priority, payload through the type's own
 * validation, times, ids), so a bad call fails at the caller with a {@link JobRejectedException} naming what
 * is wrong, not later in a dead-letter queue.
 *
 * <p>Where a job waits: up to {@value #MAX_SQS_DELAY_MINUTES} minutes ahead it is sent to its queue with SQS
 * {@code DelaySeconds}; later, or for FIFO types (whose queues take no per-message delay), it becomes a one-time
 * EventBridge Scheduler {@code at()} schedule named {@code job-<jobId>} in the app's schedule group, deleted
 * by Scheduler once it fired and by {@link #cancel} before. Both AWS clients honour the SDK's standard endpoint
 * settings ({@code AWS_ENDPOINT_URL_SQS}, {@code AWS_ENDPOINT_URL_SCHEDULER}), so the same code runs against
 * sluice-local. The client is thread-safe; make one per service and share it.
 */
public final class SluiceClient implements AutoCloseable {
    /** Jobs due within this many minutes wait in SQS; SQS's {@code DelaySeconds} allows 15 minutes at most. */
    public static final int MAX_SQS_DELAY_MINUTES = JobEnqueuer.MAX_SQS_DELAY_MINUTES;
    /** Prefix of the one-time schedules that hold jobs due later than SQS can delay them. */
    public static final String ONE_TIME_PREFIX = OneTimeSchedules.PREFIX;
    /** SQS's largest message body; the client refuses bigger envelopes rather than let SQS fail half a batch. */
    public static final int MAX_MESSAGE_BYTES = JobEnqueuer.MAX_MESSAGE_BYTES;

    // The front door only: JobEnqueuer checks and sends jobs, OneTimeSchedules holds the ones due later,
    // RecurringSchedules keeps run-time recurring schedules. Here: the defaults, and which AWS clients to close.
    private final SqsClient sqs;
    private final Lazy<SchedulerClient> scheduler;
    private final boolean ownsSqs;
    private final boolean ownsScheduler;
    private final JobEnqueuer enqueuer;
    private final OneTimeSchedules oneTime;
    private final RecurringSchedules recurring;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final boolean ownsDynamoDb;
    private final JobCancellation cancellations;

    private SluiceClient(Builder b) {
        Catalogue catalogue = b.catalogue != null ? b.catalogue : Catalogue.load();
        Topology topology = Topology.derive(b.app, catalogue);
        this.ownsSqs = b.sqs == null;
        this.sqs = b.sqs != null
                ? b.sqs
                : SqsClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        this.ownsScheduler = b.scheduler == null;
        SchedulerClient given = b.scheduler;
        // Made on first use: a producer that only sends jobs due soon never needs a Scheduler client (nor its region).
        this.scheduler = Lazy.of(
                given != null
                        ? () -> given
                        : () -> SchedulerClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build());
        String scheduleGroup = b.scheduleGroup != null ? b.scheduleGroup : b.app;
        String scheduleDeadLetterArn = b.scheduleDeadLetterArn == null || b.scheduleDeadLetterArn.isBlank()
                ? null
                : b.scheduleDeadLetterArn.trim();
        QueueDirectory queues = new QueueDirectory(sqs);
        JobTypes types = new JobTypes(b.app, catalogue);
        ScheduleTargets targets = new ScheduleTargets(topology, queues, b.schedulerRoleArn, scheduleDeadLetterArn);
        this.oneTime = new OneTimeSchedules(scheduler, scheduleGroup, targets);
        this.enqueuer = new JobEnqueuer(types, topology, sqs, queues, oneTime, b.clock);
        this.recurring = new RecurringSchedules(scheduler, scheduleGroup, types, targets, b.clock);
        this.ownsDynamoDb = b.dynamoDb == null;
        DynamoDbClient givenDynamoDb = b.dynamoDb;
        // Made on first use: only cancel() writes to the jobs table.
        this.dynamoDb = Lazy.of(
                givenDynamoDb != null
                        ? () -> givenDynamoDb
                        : () -> DynamoDbClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build());
        this.cancellations =
                new JobCancellation(dynamoDb, JobsTable.name(b.app), b.clock, java.time.Duration.ofDays(30));
    }

    /**
     * A builder with the defaults: app {@code sluice} (or {@code SLUICE_APP}), the classpath catalogue, the system clock.
     *
     * <pre>{@code SluiceClient client = SluiceClient.builder().app("shop").schedulerRoleArn(roleArn).build();}</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Enqueues a job of {@code type} to run now, with the type's default priority ({@code normal} if it takes it).
     *
     * <pre>{@code JobReceipt receipt = client.enqueue("report", new ReportPayload("sales", 2));}</pre>
     */
    public JobReceipt enqueue(String type, Object payload) {
        return enqueue(type, payload, EnqueueOptions.DEFAULTS);
    }

    /**
     * Enqueues one job. {@code payload} is the payload record (or a Jackson {@code JsonNode}, or a JSON object
     * as a String).
     *
     * <pre>{@code client.enqueue("report", payload, EnqueueOptions.defaults().jobId("q4-sales").delay(Duration.ofHours(2)));}</pre>
     *
     * @throws JobRejectedException when the job cannot run as given; nothing was sent
     */
    public JobReceipt enqueue(String type, Object payload, EnqueueOptions options) {
        return enqueuer.enqueue(type, payload, options);
    }

    /**
     * Enqueues many jobs of one type with the same options, through {@code SendMessageBatch} (ten per call). Every
     * job is checked before the first is sent. Options naming a job id apply only to a single job, so they are
     * refused here. Entries SQS reports as failed on its side are retried once.
     *
     * <pre>{@code List<JobReceipt> receipts = client.enqueueAll("report", List.of(sales, ops), EnqueueOptions.defaults());}</pre>
     *
     * @throws JobRejectedException when any job cannot run as given; nothing was sent
     * @throws BulkEnqueueException when some jobs could not be sent; it lists which were and which were not
     */
    public List<JobReceipt> enqueueAll(String type, List<?> payloads, EnqueueOptions options) {
        return enqueuer.enqueueAll(type, payloads, options);
    }

    /**
     * Cancels a job that has not started, wherever it waits: a one-time schedule is deleted, and the job's history
     * gets a cancellation record (state {@code cancelled}) that the function's claim refuses, so a job queued or
     * delayed in SQS (which cannot delete a message before it is received) is acknowledged unrun when it arrives.
     * Needs write access to the jobs table ({@code <app>-jobs}; the stack's producer policy grants it).
     *
     * <pre>{@code boolean cancelled = client.cancel("q4-sales");}</pre>
     *
     * @return {@code true} if the job will now never run (also for an id no job has yet: a job enqueued later with it
     *     is refused when it arrives); {@code false} if it is running or already ended
     */
    public boolean cancel(String jobId) {
        boolean withdrawn = oneTime.cancel(jobId);
        // Both, always: a schedule deleted means the job will not run, even if the table holds an older record of
        // the same id that refuses the cancellation record.
        return cancellations.cancel(jobId) == JobCancellation.Result.CANCELLED || withdrawn;
    }

    /**
     * Creates or replaces a recurring schedule whose firings run {@code type} with the type's default priority.
     *
     * <pre>{@code client.schedule("nightly-sales", "cron(0 2 * * ? *)", "Europe/Paris", "report", new ReportPayload("sales", 1));}</pre>
     */
    public RecurringSchedule schedule(String name, String expression, String timezone, String type, Object payload) {
        return schedule(name, expression, timezone, type, payload, null);
    }

    /**
     * Creates a recurring schedule, or replaces the one of that name (so a service can sync its schedules from
     * its own records by calling this for each). Each firing is a job whose id is the schedule name and the
     * firing's time, so a duplicate delivery of one firing runs once.
     *
     * <pre>{@code client.schedule("hourly-ops", "rate(1 hour)", null, "report", new ReportPayload("ops", 1), Priority.HIGH);}</pre>
     *
     * @param expression {@code cron(...)} (six fields, EventBridge Scheduler's syntax) or {@code rate(...)}
     * @param timezone IANA zone the cron fields are read in, such as {@code Europe/Paris}; {@code null} for UTC
     * @param priority one the type declares; {@code null} for its default ({@code normal} if it takes it, else its first)
     * @throws JobRejectedException when the name, expression, zone, type, priority or payload is unusable; nothing was sent
     */
    public RecurringSchedule schedule(
            String name, String expression, String timezone, String type, Object payload, Priority priority) {
        return recurring.put(name, expression, timezone, type, payload, priority);
    }

    /**
     * Deletes a recurring schedule created with {@link #schedule}. Schedules a job type declares belong to its
     * {@code @Job} and the deployment, so they are refused here.
     *
     * <pre>{@code boolean deleted = client.unschedule("nightly-sales");}</pre>
     *
     * @return whether a schedule was deleted ({@code false}: there was none of that name)
     */
    public boolean unschedule(String name) {
        return recurring.delete(name);
    }

    /**
     * The recurring schedules of the app's group, catalogue-declared ones included, by name; one-time job schedules are left out.
     *
     * <pre>{@code client.schedules().forEach(s -> System.out.println(s.name() + " " + s.expression()));}</pre>
     */
    public List<RecurringSchedule> schedules() {
        return recurring.list();
    }

    /**
     * One page of {@link #schedules()}, for a group too large to read at once (thousands of one-time job schedules
     * share it): start with a {@code null} token and pass each page's {@link SchedulePage#nextToken()} until it is
     * {@code null}.
     *
     * @param pageSize how many schedules Scheduler reads for the page, 1 to 100
     */
    public SchedulePage schedules(String pageToken, int pageSize) {
        return recurring.page(pageToken, pageSize);
    }

    /**
     * Closes the AWS clients this client created; those given to the builder stay open, for their owner to close.
     *
     * <pre>{@code try (SluiceClient client = SluiceClient.builder().build()) { client.enqueue("report", payload); }}</pre>
     */
    @Override
    public void close() {
        if (ownsSqs) {
            sqs.close();
        }
        if (ownsScheduler) {
            scheduler.ifMade().ifPresent(SchedulerClient::close);
        }
        if (ownsDynamoDb) {
            dynamoDb.ifMade().ifPresent(DynamoDbClient::close);
        }
    }

    /** Builds a {@link SluiceClient}. */
    public static final class Builder {
        private String app = envOr(SluiceEnvironment.APP, Topology.DEFAULT_APP);
        private Catalogue catalogue;
        private SqsClient sqs;
        private SchedulerClient scheduler;
        private DynamoDbClient dynamoDb;
        private String scheduleGroup;
        private String schedulerRoleArn = System.getenv(SluiceEnvironment.SCHEDULER_ROLE_ARN);
        private String scheduleDeadLetterArn = System.getenv(SluiceEnvironment.SCHEDULE_DLQ_ARN);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The app name the stack was deployed with: the prefix of queue names and the schedule group. */
        public Builder app(String value) {
            if (value == null || !Topology.APP_NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("app name '" + value + "' must match [a-z][a-z0-9-]{0,19}");
            }
            app = value;
            return this;
        }

        /** The job catalogue; by default the one on the classpath (the jar with the job classes). */
        public Builder catalogue(Catalogue value) {
            catalogue = value;
            return this;
        }

        /** The SQS client; by default one on the URLConnection HTTP client with the SDK's default settings. Not closed by the client. */
        public Builder sqs(SqsClient value) {
            sqs = value;
            return this;
        }

        /** The Scheduler client; by default one created on first use. Not closed by the client. */
        public Builder scheduler(SchedulerClient value) {
            scheduler = value;
            return this;
        }

        /** The DynamoDB client cancellations are written with; by default one created on first use. Not closed by the client. */
        public Builder dynamoDb(DynamoDbClient value) {
            dynamoDb = value;
            return this;
        }

        /** The schedule group; by default the app name, as the stack creates it. */
        public Builder scheduleGroup(String value) {
            scheduleGroup = value;
            return this;
        }

        /** The role Scheduler assumes to send to the queues (the stack's output); by default {@code SLUICE_SCHEDULER_ROLE_ARN}. */
        public Builder schedulerRoleArn(String value) {
            schedulerRoleArn = value;
            return this;
        }

        /**
         * The SQS queue a schedule's firing goes to when Scheduler cannot deliver it (the stack's
         * {@code ScheduleDeadLetterQueueArn} output); by default {@code SLUICE_SCHEDULE_DLQ_ARN}, else none.
         */
        public Builder scheduleDeadLetterArn(String value) {
            scheduleDeadLetterArn = value;
            return this;
        }

        /** The clock for {@code createdAt}, delays and the past-run-at check; by default the system clock in UTC. Tests fix it. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The client. The catalogue (unless given) is read now and the SQS client (unless given) made now; the Scheduler
         * client (unless given) only when a schedule first needs it.
         */
        public SluiceClient build() {
            return new SluiceClient(this);
        }

        private static String envOr(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }
}
