package io.sluice.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.Priority;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Enqueueing: turns a call into a checked {@link PreparedJob} (type, priority, payload, time, ids, envelope size)
 * and sends it to its queue with {@code SendMessage} or {@code SendMessageBatch}, FIFO jobs with their group and
 * their job id as deduplication id, jobs due within {@value #MAX_SQS_DELAY_MINUTES} minutes with
 * {@code DelaySeconds}. Jobs due later, and delayed FIFO jobs, go to {@link OneTimeSchedules} instead.
 */
final class JobEnqueuer {
    /**
     * Jobs due within this many minutes wait in SQS: {@code DelaySeconds} allows 15 minutes at most
     * (<a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html">delay queues</a>).
     */
    static final int MAX_SQS_DELAY_MINUTES = 15;
    /** SQS's largest message body, and the most one {@code SendMessageBatch} call may carry in all. */
    static final int MAX_MESSAGE_BYTES = io.sluice.envelope.MessageSize.PRODUCER_LIMIT;

    private static final Duration MAX_SQS_DELAY = Duration.ofMinutes(MAX_SQS_DELAY_MINUTES);
    /** The most entries SQS takes in one {@code SendMessageBatch}. */
    private static final int SQS_BATCH = 10;
    /** SQS's rule for a {@code MessageGroupId}: 1 to 128 printable ASCII characters. */
    private static final Pattern FIFO_GROUP = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final JobTypes types;
    private final Topology topology;
    private final SqsClient sqs;
    private final QueueDirectory queues;
    private final OneTimeSchedules oneTime;
    private final Clock clock;

    JobEnqueuer(
            JobTypes types,
            Topology topology,
            SqsClient sqs,
            QueueDirectory queues,
            OneTimeSchedules oneTime,
            Clock clock) {
        this.types = types;
        this.topology = topology;
        this.sqs = sqs;
        this.queues = queues;
        this.oneTime = oneTime;
        this.clock = clock;
    }

    /** See {@link SluiceClient#enqueue(String, Object, EnqueueOptions)}. */
    JobReceipt enqueue(String type, Object payload, EnqueueOptions options) {
        PreparedJob job = prepare(type, payload, options, clock.instant());
        return job.viaSchedule() ? oneTime.create(job) : sendToQueue(job);
    }

    /** See {@link SluiceClient#enqueueAll(String, List, EnqueueOptions)}. */
    List<JobReceipt> enqueueAll(String type, List<?> payloads, EnqueueOptions options) {
        Objects.requireNonNull(payloads, "payloads");
        if (options.jobId() != null) {
            throw new JobRejectedException("jobId cannot be given for a bulk enqueue: each job needs its own id");
        }
        if (options.idempotencyKey() != null) {
            throw new JobRejectedException(
                    "idempotencyKey cannot be given for a bulk enqueue: one key for every job would let only"
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
                    failed.add(new BulkEnqueueException.Failure(
                            job.jobId(), e.getClass().getSimpleName(), e.getMessage()));
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

    private PreparedJob prepare(String type, Object payload, EnqueueOptions options, Instant now) {
        Objects.requireNonNull(options, "options");
        JobDefinition definition = types.definition(type);
        Priority priority = types.priority(definition, options.priority());
        JsonNode tree = types.payload(definition, payload);
        Instant runAt = runAt(options, now);
        String jobId =
                options.jobId() != null ? options.jobId() : UUID.randomUUID().toString();
        if (!EnvelopeParser.JOB_ID.matcher(jobId).matches()) {
            throw new JobRejectedException("jobId '" + jobId
                    + "' must be 1 to 128 letters, digits or _ . : - starting with a letter or digit");
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
                throw new JobRejectedException(
                        "job type '" + definition.type() + "' is FIFO: groupId is required, 1 to 128 printable"
                                + " ASCII characters (jobs of one group run in order)"
                                + (groupId == null ? "" : ", was '" + groupId + "'"));
            }
        } else if (groupId != null) {
            throw new JobRejectedException(
                    "groupId is only for FIFO job types; '" + definition.type() + "' is not FIFO");
        }
        JobEnvelope envelope = JobEnvelope.builder()
                .jobId(jobId)
                .type(definition.type())
                .priority(priority)
                .payload(tree)
                .idempotencyKey(key)
                .createdAt(now)
                .source(source)
                .build();
        String body = envelope.toJson();
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new JobRejectedException("the job's envelope is " + bytes + " bytes; a job may take at most "
                    + MAX_MESSAGE_BYTES + " (SQS's " + io.sluice.envelope.MessageSize.QUEUE_LIMIT + " less "
                    + io.sluice.envelope.MessageSize.RUNTIME_RESERVE + " kept for the reason Sluice attaches when it"
                    + " dead-letters or defers it; keep large data elsewhere and put its location in the payload)");
        }
        Duration wait = Duration.between(now, runAt);
        // FIFO queues take no per-message DelaySeconds, so any delayed FIFO job waits in a schedule.
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
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(queues.url(job.queue().name()))
                .messageBody(job.body());
        if (job.definition().fifo()) {
            request.messageGroupId(job.groupId()).messageDeduplicationId(job.jobId());
        } else if (isPositive(job.delay())) {
            request.delaySeconds(delaySeconds(job.delay()));
        }
        String messageId = sqs.sendMessage(request.build()).messageId();
        return new JobReceipt(
                job.jobId(), job.definition().type(), job.envelope().priority(), job.runAt(), messageId, null);
    }

    /** Sends one batch (one queue, at most ten jobs and {@value #MAX_MESSAGE_BYTES} bytes), retrying SQS-side failures once. */
    private void sendBatch(List<PreparedJob> batch, List<JobReceipt> sent, List<BulkEnqueueException.Failure> failed) {
        List<PreparedJob> pending = new ArrayList<>(batch);
        for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                PreparedJob job = pending.get(i);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(job.body());
                if (job.definition().fifo()) {
                    entry.messageGroupId(job.groupId()).messageDeduplicationId(job.jobId());
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
                    failed.add(new BulkEnqueueException.Failure(
                            job.jobId(), e.getClass().getSimpleName(), e.getMessage()));
                }
                return;
            }
            for (SendMessageBatchResultEntry ok : response.successful()) {
                PreparedJob job = pending.get(Integer.parseInt(ok.id()));
                sent.add(new JobReceipt(
                        job.jobId(),
                        job.definition().type(),
                        job.envelope().priority(),
                        job.runAt(),
                        ok.messageId(),
                        null));
            }
            List<PreparedJob> retry = new ArrayList<>();
            for (BatchResultErrorEntry error : response.failed()) {
                PreparedJob job = pending.get(Integer.parseInt(error.id()));
                // A sender fault (bad entry) fails again the same way; only SQS-side failures earn a second try.
                if (round == 0 && !Boolean.TRUE.equals(error.senderFault())) {
                    retry.add(job);
                } else {
                    failed.add(new BulkEnqueueException.Failure(job.jobId(), error.code(), error.message()));
                }
            }
            pending = retry;
        }
    }

    private static boolean isPositive(Duration d) {
        return !d.isZero() && !d.isNegative();
    }

    /** Whole seconds, rounded up so a job never runs early, and never more than SQS allows. */
    private static int delaySeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return (int) Math.min(seconds, MAX_SQS_DELAY.getSeconds());
    }
}
