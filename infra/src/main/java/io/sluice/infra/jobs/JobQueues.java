package io.sluice.infra.jobs;

import io.sluice.job.Priority;
import io.sluice.topology.JobTopology;
import io.sluice.topology.QueueSpec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.RedriveAllowPolicy;
import software.amazon.awscdk.services.sqs.RedrivePermission;
import software.constructs.Construct;

/**
 * The queues of one job type: per priority, the job queue and its redrive dead-letter queue, exactly as
 * {@link QueueSpec} describes them (names, FIFO, visibility timeout, {@code maxReceiveCount}, DLQ retention), so
 * sluice-local and AWS have the same queues. Every queue is encrypted with SQS-managed keys (SSE-SQS) and refuses
 * requests that are not TLS. Job queues keep messages 14 days, SQS's maximum, so a job waiting through its
 * backoff can never expire silently; each DLQ accepts redrives only from its own job queue. FIFO job queues use
 * content-based deduplication, as sluice-local's do: job ids make envelopes unique, and Scheduler, which cannot
 * pass a deduplication id, can still send to them.
 */
public final class JobQueues extends Construct {
    /** How long a job queue keeps a message: SQS's maximum, 14 days. */
    public static final Duration JOB_RETENTION = Duration.days(14);

    /** One priority's queue and dead-letter queue, with the spec they were made from. */
    public record PriorityQueue(QueueSpec spec, Queue queue, Queue deadLetterQueue) {
        public Priority priority() {
            return spec.priority();
        }
    }

    private final List<PriorityQueue> queues = new ArrayList<>();

    public JobQueues(Construct scope, String id, JobTopology job) {
        super(scope, id);
        for (QueueSpec spec : job.queues()) {
            String priority = spec.priority().wireName();
            Queue deadLetter = Queue.Builder.create(this, priority + "-dlq")
                    .queueName(spec.deadLetterName())
                    .fifo(spec.fifo() ? true : null)
                    .retentionPeriod(Duration.seconds(spec.deadLetterRetention().toSeconds()))
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    // The job queue's ARN is built from its name: a reference to the queue itself would make
                    // the two queues depend on each other.
                    .redriveAllowPolicy(RedriveAllowPolicy.builder()
                            .redrivePermission(RedrivePermission.BY_QUEUE)
                            .sourceQueues(List.of(Queue.fromQueueArn(this, priority + "-source", arnOf(spec.name()))))
                            .build())
                    .build();
            Queue queue = Queue.Builder.create(this, priority)
                    .queueName(spec.name())
                    .fifo(spec.fifo() ? true : null)
                    .contentBasedDeduplication(spec.fifo() ? true : null)
                    .visibilityTimeout(WholeSeconds.duration(spec.visibilityTimeout()))
                    .retentionPeriod(JOB_RETENTION)
                    .deadLetterQueue(DeadLetterQueue.builder()
                            .queue(deadLetter)
                            .maxReceiveCount(spec.maxReceiveCount())
                            .build())
                    .encryption(QueueEncryption.SQS_MANAGED)
                    .enforceSsl(true)
                    .build();
            queues.add(new PriorityQueue(spec, queue, deadLetter));
        }
    }

    /** Every priority's queues, highest priority first. */
    public List<PriorityQueue> all() {
        return List.copyOf(queues);
    }

    /** The queues of one priority, or an error naming the priorities this type has. */
    public PriorityQueue of(Priority priority) {
        return queues.stream()
                .filter(q -> q.priority() == priority)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + priority.wireName() + " queue; this type has "
                        + queues.stream().map(q -> q.priority().wireName()).toList()));
    }

    /** The job queues (not the DLQs). */
    public List<IQueue> jobQueues() {
        return queues.stream().map(q -> (IQueue) q.queue()).toList();
    }

    private String arnOf(String queueName) {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("sqs")
                        .resource(queueName)
                        .build());
    }
}
