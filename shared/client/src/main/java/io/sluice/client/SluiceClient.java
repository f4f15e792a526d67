package io.sluice.client;

import io.sluice.topology.SluiceEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.Priority;
import io.sluice.lazy.Lazy;
import io.sluice.topology.QueueSpec;
import io.sluice.topology.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

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
    public static final int MAX_SQS_DELAY_MINUTES = 15;
    /** Prefix of the one-time schedules that hold jobs due later than SQS can delay them. */
    public static final String ONE_TIME_PREFIX = OneTimeSchedules.PREFIX;
    /** SQS's largest message body; the client refuses bigger envelopes rather than let SQS fail half a batch. */
    public static final int MAX_MESSAGE_BYTES = 262_144;

    private static final Duration MAX_SQS_DELAY = Duration.ofMinutes(MAX_SQS_DELAY_MINUTES);
    private static final int SQS_BATCH = 10;
    private static final Pattern FIFO_GROUP = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final Topology topology;
    private final SqsClient sqs;
    private final Lazy<SchedulerClient> scheduler;
    private final String scheduleGroup;
    private final Clock clock;
    private final QueueDirectory queues;
    private final JobTypes types;
    private final ScheduleTargets targets;
    private final OneTimeSchedules oneTime;
    private final RecurringSchedules recurring;
    private final boolean ownsSqs;
    private final boolean ownsScheduler;

    private SluiceClient(Builder b) {
        Catalogue catalogue = b.catalogue != null ? b.catalogue : Catalogue.load();
        this.topology = Topology.derive(b.app, catalogue);
        this.ownsSqs = b.sqs == null;
        this.sqs = b.sqs != null ? b.sqs : SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        this.ownsScheduler = b.scheduler == null;
        SchedulerClient given = b.scheduler;
        this.scheduler = Lazy.of(given != null ? () -> given
                : () -> SchedulerClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
        this.scheduleGroup = b.scheduleGroup != null ? b.scheduleGroup : b.app;
        String scheduleDeadLetterArn = b.scheduleDeadLetterArn == null || b.scheduleDeadLetterArn.isBlank() ? null : b.scheduleDeadLetterArn.trim();
        this.clock = b.clock;
        this.queues = new QueueDirectory(sqs);
        this.types = new JobTypes(b.app, catalogue);
        this.targets = new ScheduleTargets(topology, queues, b.schedulerRoleArn, scheduleDeadLetterArn);
        this.oneTime = new OneTimeSchedules(scheduler, scheduleGroup, targets);
        this.recurring = new RecurringSchedules(scheduler, scheduleGroup, types, targets, clock);
    }

    /** A builder with the defaults: app {@code sluice} (or {@code SLUICE_APP}), the classpath catalogue, the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** Enqueues a job of {@code type} to run now, with the type's default priority ({@code normal} if it takes it). */
    public JobReceipt enqueue(String type, Object payload) {
        return enqueue(type, payload, EnqueueOptions.DEFAULTS);
    }

    /**
     * Enqueues one job. {@code payload} is the payload record (or a Jackson {@code JsonNode}, or a JSON object
     * as a String).
     *
     * @throws JobRejectedException when the job cannot run as given; nothing was sent
     */
    public JobReceipt enqueue(String type, Object payload, EnqueueOptions options) {
        PreparedJob job = prepare(type, payload, options, clock.instant());
        return job.viaSchedule() ? oneTime.create(job) : sendToQueue(job);
    }

    /**
     * Enqueues many jobs of one type with the same options, through {@code SendMessageBatch} (ten per call). Every
     * job is checked before the first is sent. Options naming a job id apply only to a single job, so they are
     * refused here. Entries SQS reports as failed on its side are retried once.
     *
     * @throws JobRejectedException when any job cannot run as given; nothing was sent
     * @throws BulkEnqueueException when some jobs could not be sent; it lists which were and which were not
     */
    public List<JobReceipt> enqueueAll(String type, List<?> payloads, EnqueueOptions options) {
        Objects.requireNonNull(payloads, "payloads");
        if (options.jobId() != null) {
            throw new JobRejectedException("jobId cannot be given for a bulk enqueue: each job needs its own id");
        }
        if (options.idempotencyKey() != null) {
            throw new JobRejectedException("idempotencyKey cannot be given for a bulk enqueue: one key for every job would let only"
                    + " one of them run; enqueue them one by one with their own keys");
        }
        Instant now = clock.instant();
        List<PreparedJob> jobs = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            try {
                jobs.add(prepare(type, payloads.get(i), options, now));
            } catch (JobRejectedException e) {
                throw new JobRejectedException("payloads[" + i + "]: " + e.getMessage());
            }
        }
        List<JobReceipt> sent = new ArrayList<>(jobs.size());
        List<BulkEnqueueException.Failure> failed = new ArrayList<>();
        List<PreparedJob> batch = new ArrayList<>(SQS_BATCH);
        int batchBytes = 0;
        for (PreparedJob job : jobs) {
            if (job.viaSchedule()) {
                try {
                    sent.add(oneTime.create(job));
                } catch (SdkException | JobRejectedException e) {
                    failed.add(new BulkEnqueueException.Failure(job.envelope().jobId(), e.getClass().getSimpleName(), e.getMessage()));
                }
                continue;
            }
            if (batch.size() == SQS_BATCH || batchBytes + job.bytes() > MAX_MESSAGE_BYTES) {
                sendBatch(batch, sent, failed);
                batch.clear();
                batchBytes = 0;
            }
            batch.add(job);
            batchBytes += job.bytes();
        }
        if (!batch.isEmpty()) {
            sendBatch(batch, sent, failed);
        }
        if (!failed.isEmpty()) {
            throw new BulkEnqueueException(sent, failed);
        }
        return sent;
    }

    /**
     * Withdraws a job that waits in a one-time schedule (one due more than {@value #MAX_SQS_DELAY_MINUTES} minutes
     * after it was enqueued, or any delayed FIFO job). Jobs already in SQS, because they were due sooner or their
     * time came, cannot be withdrawn: SQS cannot delete a message before it is received.
     *
     * @return {@code true} if the job was waiting and will now never run; {@code false} if no such schedule
     *     exists (the job already fired, was cancelled, or was never scheduled)
     */
    public boolean cancel(String jobId) {
        return oneTime.cancel(jobId);
    }

    /** Creates or replaces a recurring schedule whose firings run {@code type} with the type's default priority. */
    public RecurringSchedule schedule(String name, String expression, String timezone, String type, Object payload) {
        return schedule(name, expression, timezone, type, payload, null);
    }

    /**
     * Creates a recurring schedule, or replaces the one of that name (so a service can sync its schedules from
     * its own records by calling this for each). Each firing is a job whose id is the schedule name and the
     * firing's time, so a duplicate delivery of one firing runs once.
     *
     * @param expression {@code cron(...)} (six fields, EventBridge Scheduler's syntax) or {@code rate(...)}
     * @param timezone IANA zone the cron fields are read in, such as {@code Europe/Paris}; {@code null} for UTC
     * @param priority one the type declares; {@code null} for its default ({@code normal} if it takes it, else its first)
     * @throws JobRejectedException when the name, expression, zone, type, priority or payload is unusable; nothing was sent
     */
    public RecurringSchedule schedule(String name, String expression, String timezone, String type, Object payload, Priority priority) {
        return recurring.put(name, expression, timezone, type, payload, priority);
    }

    /**
     * Deletes a recurring schedule created with {@link #schedule}. Schedules a job type declares belong to its
     * {@code @Job} and the deployment, so they are refused here.
     *
     * @return whether a schedule was deleted ({@code false}: there was none of that name)
     */
    public boolean unschedule(String name) {
        return recurring.delete(name);
    }

    /** The recurring schedules of the app's group, catalogue-declared ones included, by name; one-time job schedules are left out. */
    public List<RecurringSchedule> schedules() {
        return recurring.list();
    }

    @Override
    public void close() {
        if (ownsSqs) {
            sqs.close();
        }
        if (ownsScheduler) {
            scheduler.ifMade().ifPresent(SchedulerClient::close);
        }
    }

    private PreparedJob prepare(String type, Object payload, EnqueueOptions options, Instant now) {
        Objects.requireNonNull(options, "options");
        JobDefinition definition = types.definition(type);
        Priority priority = types.priority(definition, options.priority());
        JsonNode tree = types.payload(definition, payload);
        Instant runAt = runAt(options, now);
        String jobId = options.jobId() != null ? options.jobId() : UUID.randomUUID().toString();
        if (!EnvelopeParser.JOB_ID.matcher(jobId).matches()) {
            throw new JobRejectedException("jobId '" + jobId + "' must be 1 to 128 letters, digits or _ . : - starting with a letter or digit");
        }
        String key = options.idempotencyKey();
        if (key != null && (key.isEmpty() || key.length() > 256)) {
            throw new JobRejectedException("idempotencyKey must be 1 to 256 characters, was " + key.length());
        }
        String source = options.source();
        if (source != null && (source.isEmpty() || source.length() > 128)) {
            throw new JobRejectedException("source must be 1 to 128 characters, was " + source.length());
        }
        String groupId = options.groupId();
        if (definition.fifo()) {
            if (groupId == null || !FIFO_GROUP.matcher(groupId).matches()) {
                throw new JobRejectedException("job type '" + definition.type() + "' is FIFO: groupId is required, 1 to 128 printable"
                        + " ASCII characters (jobs of one group run in order)" + (groupId == null ? "" : ", was '" + groupId + "'"));
            }
        } else if (groupId != null) {
            throw new JobRejectedException("groupId is only for FIFO job types; '" + definition.type() + "' is not FIFO");
        }
        JobEnvelope envelope = new JobEnvelope(JobEnvelope.SPEC_VERSION, jobId, definition.type(), priority, tree, key, now, 0, source);
        String body = envelope.toJson();
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new JobRejectedException("the job's envelope is " + bytes + " bytes; SQS takes at most " + MAX_MESSAGE_BYTES
                    + " (keep large data elsewhere and put its location in the payload)");
        }
        Duration wait = Duration.between(now, runAt);
        boolean viaSchedule = wait.compareTo(MAX_SQS_DELAY) > 0 || (definition.fifo() && isPositive(wait));
        if (viaSchedule) {
            // Refused now, before anything is sent, rather than when the schedule is created.
            OneTimeSchedules.name(jobId);
        }
        QueueSpec queue = topology.job(definition.type()).queue(priority);
        return new PreparedJob(definition, envelope, body, bytes, queue, runAt, wait, viaSchedule, groupId);
    }

    private static Instant runAt(EnqueueOptions options, Instant now) {
        if (options.delay() != null && options.runAt() != null) {
            throw new JobRejectedException("give either delay or runAt, not both");
        }
        if (options.delay() != null) {
            if (options.delay().isNegative()) {
                throw new JobRejectedException("delay must not be negative, was " + options.delay());
            }
            return now.plus(options.delay());
        }
        if (options.runAt() != null) {
            if (options.runAt().isBefore(now.truncatedTo(ChronoUnit.SECONDS))) {
                throw new JobRejectedException("runAt " + options.runAt() + " is in the past (now " + now + ")");
            }
            return options.runAt().isBefore(now) ? now : options.runAt();
        }
        return now;
    }

    private JobReceipt sendToQueue(PreparedJob job) {
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(queues.url(job.queue().name())).messageBody(job.body());
        if (job.definition().fifo()) {
            request.messageGroupId(job.groupId()).messageDeduplicationId(job.envelope().jobId());
        } else if (isPositive(job.delay())) {
            request.delaySeconds(delaySeconds(job.delay()));
        }
        String messageId = sqs.sendMessage(request.build()).messageId();
        return new JobReceipt(job.envelope().jobId(), job.definition().type(), job.envelope().priority(), job.runAt(), messageId, null);
    }

    private void sendBatch(List<PreparedJob> batch, List<JobReceipt> sent, List<BulkEnqueueException.Failure> failed) {
        List<PreparedJob> pending = new ArrayList<>(batch);
        for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PreparedJob job = pending.get(i);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(job.body());
                if (job.definition().fifo()) {
                    entry.messageGroupId(job.groupId()).messageDeduplicationId(job.envelope().jobId());
                } else if (isPositive(job.delay())) {
                    entry.delaySeconds(delaySeconds(job.delay()));
                }
                entries.add(entry.build());
            }
            SendMessageBatchResponse response;
            try {
                String url = queues.url(pending.get(0).queue().name());
                response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
            } catch (SdkException | IllegalStateException e) {
                // The whole call failed: these jobs were not sent (SQS takes a batch entry by entry or not at all),
                // and the caller learns their ids, so a re-send reuses them.
                for (PreparedJob job : pending) {
                    failed.add(new BulkEnqueueException.Failure(job.envelope().jobId(), e.getClass().getSimpleName(), e.getMessage()));
                }
                return;
            }
            for (SendMessageBatchResultEntry ok : response.successful()) {
                PreparedJob job = pending.get(Integer.parseInt(ok.id()));
                sent.add(new JobReceipt(job.envelope().jobId(), job.definition().type(), job.envelope().priority(), job.runAt(),
                        ok.messageId(), null));
            }
            List<PreparedJob> retry = new ArrayList<>();
            for (BatchResultErrorEntry error : response.failed()) {
                PreparedJob job = pending.get(Integer.parseInt(error.id()));
                // A sender fault (bad entry) fails again the same way; only SQS-side failures earn a second try.
                if (round == 0 && !Boolean.TRUE.equals(error.senderFault())) {
                    retry.add(job);
                } else {
                    failed.add(new BulkEnqueueException.Failure(job.envelope().jobId(), error.code(), error.message()));
                }
            }
            pending = retry;
        }
    }

    private static boolean isPositive(Duration d) {
        return !d.isZero() && !d.isNegative();
    }

    private static int delaySeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, MAX_SQS_DELAY.getSeconds());
    }

    /** Builds a {@link SluiceClient}. */
    public static final class Builder {
        private String app = envOr(SluiceEnvironment.APP, Topology.DEFAULT_APP);
        private Catalogue catalogue;
        private SqsClient sqs;
        private SchedulerClient scheduler;
        private String scheduleGroup;
        private String schedulerRoleArn = System.getenv(SluiceEnvironment.SCHEDULER_ROLE_ARN);
        private String scheduleDeadLetterArn = System.getenv(SluiceEnvironment.SCHEDULE_DLQ_ARN);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

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

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public SluiceClient build() {
            return new SluiceClient(this);
        }

        private static String envOr(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }
}
