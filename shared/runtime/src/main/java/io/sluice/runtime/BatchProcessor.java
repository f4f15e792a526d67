package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.job.JobMetrics;
import io.sluice.job.Priority;
import io.sluice.runtime.metrics.BatchMetrics;
import io.sluice.runtime.metrics.JobTypeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one SQS batch for a job type and answers with a partial batch response, following the rules of
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Handling errors
 * for an SQS event source in Lambda</a>:
 * <ul>
 *   <li>Only failed messages are reported in {@code batchItemFailures}; one bad message never fails the
 *       batch, and a failure of our own bookkeeping never loses a message (it is reported as failed).</li>
 *   <li>A retryable failure first moves the message's visibility to its backoff delay, so Lambda's
 *       redelivery waits for it instead of for the queue's whole visibility timeout.</li>
 *   <li>A permanent failure is copied to the dead-letter queue with its reason, then acknowledged. If the
 *       copy fails, the message is reported failed and stays in its queue.</li>
 *   <li>Standard queues: messages run in parallel, at most {@code parallelism} at once. FIFO queues
 *       (recognised by the {@code .fifo} ARN) run each message group in order, and after the first failure
 *       in a group the rest of that group is held back with the same delay, preserving order.</li>
 *   <li>No message starts unless the invocation has at least the type's timeout plus {@link #START_MARGIN}
 *       left; the rest are returned at once (visibility 0) without spending an attempt's work.</li>
 * </ul>
 */
final class BatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);
    /** Kept back from Lambda's remaining time for answering. */
    static final Duration RESPONSE_MARGIN = Duration.ofMillis(500);
    /** A message starts only with its job timeout plus this left: room for its SQS call and the answer. */
    static final Duration START_MARGIN = Duration.ofSeconds(2);

    private final JobPipeline<?> pipeline;
    private final QueueOperations queues;
    private final ExecutorService lanes;
    private final Duration timeout;
    private final List<OutcomeListener> listeners;
    private final JobTypeMetrics metrics;

    /**
     * @param lanes runs lanes (a message, or a FIFO message group); its thread count is the parallelism
     * @param listeners told every outcome once its side effect is done, in this order
     */
    public BatchProcessor(
            JobPipeline<?> pipeline, QueueOperations queues, ExecutorService lanes, List<OutcomeListener> listeners) {
        this(pipeline, queues, lanes, listeners, null);
    }

    /** @param metrics the type's metrics, flushed once per batch, or {@code null} */
    public BatchProcessor(
            JobPipeline<?> pipeline,
            QueueOperations queues,
            ExecutorService lanes,
            List<OutcomeListener> listeners,
            JobTypeMetrics metrics) {
        this.pipeline = pipeline;
        this.queues = queues;
        this.lanes = lanes;
        this.timeout = pipeline.definition().timeout();
        this.listeners = List.copyOf(listeners);
        this.metrics = metrics;
    }

    /**
     * Runs a batch and answers before the invocation's deadline. Whatever has not finished by then is
     * reported failed, and its lane is cancelled: from that moment it starts nothing and performs no SQS
     * side effect, so a late lane can never dead-letter a message the response already returned.
     */
    public SQSBatchResponse process(SQSEvent event, Context context) {
        List<SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        BatchMetrics batch =
                metrics == null || messages.isEmpty() ? null : metrics.startBatch(priorityOf(messages.get(0)));
        try {
            return process(messages, context, batch);
        } finally {
            if (batch != null) {
                batch.flush();
            }
        }
    }

    private SQSBatchResponse process(List<SQSMessage> messages, Context context, BatchMetrics batch) {
        AtomicReferenceArray<MessageOutcome> outcomes = new AtomicReferenceArray<>(messages.size());
        AtomicBoolean answered = new AtomicBoolean();
        List<List<Integer>> laneIndexes = lanesOf(messages);
        List<Future<?>> running = new ArrayList<>();
        for (List<Integer> lane : laneIndexes) {
            running.add(lanes.submit(() -> runLane(messages, lane, outcomes, context, answered, batch)));
        }
        for (Future<?> future : running) {
            long wait = context.getRemainingTimeInMillis() - RESPONSE_MARGIN.toMillis();
            try {
                future.get(Math.max(1, wait), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn(
                        "lane still running when the invocation had to answer; its unfinished messages are reported as failed");
            } catch (ExecutionException e) {
                LOG.error("lane failed unexpectedly; its unfinished messages are reported as failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        answered.set(true);
        // Never interrupt a lane: an interrupt landing in a store write (a claim, a completion) cuts it off half
        // done, and history then disagrees with the queue. A late lane starts nothing new (it checks `answered`)
        // and settles what it is doing; the job's own timeout is the watchdog's business, not this one's.
        running.forEach(f -> f.cancel(false));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            MessageOutcome outcome = outcomes.get(i);
            if (outcome == null || reportAsFailure(messages.get(i), outcome)) {
                failures.add(
                        new SQSBatchResponse.BatchItemFailure(messages.get(i).getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Each standard message is its own lane; a FIFO batch has one lane per message group, in order. */
    private static List<List<Integer>> lanesOf(List<SQSMessage> messages) {
        Map<String, List<Integer>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            SQSMessage m = messages.get(i);
            String key = ReceivedMessage.isFifo(m) ? "group:" + groupOf(m) : "message:" + i;
            lanes.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(lanes.values());
    }

    private void runLane(
            List<SQSMessage> messages,
            List<Integer> lane,
            AtomicReferenceArray<MessageOutcome> outcomes,
            Context context,
            AtomicBoolean answered,
            BatchMetrics batch) {
        MessageOutcome blocking = null;
        for (int index : lane) {
            if (answered.get()) {
                return;
            }
            SQSMessage message = messages.get(index);
            MDC.put("awsRequestId", context.getAwsRequestId());
            MDC.put("messageId", message.getMessageId());
            try {
                MessageOutcome outcome;
                if (blocking != null) {
                    outcome = new MessageOutcome.HeldBehindGroup(groupOf(message), blocking.holdsGroupFor());
                } else if (context.getRemainingTimeInMillis() < timeout.toMillis() + START_MARGIN.toMillis()) {
                    outcome = new MessageOutcome.NotStarted("remaining time " + context.getRemainingTimeInMillis()
                            + " ms is shorter than the job timeout " + timeout + " plus " + START_MARGIN);
                } else {
                    outcome = runSafely(message, context, batch == null ? JobMetrics.NONE : batch.jobMetrics());
                }
                LongSupplier millisLeft = () -> context.getRemainingTimeInMillis() - RESPONSE_MARGIN.toMillis();
                if (answered.get()) {
                    // Too late for SQS: the response already reported this message failed and its redelivery
                    // decides. But the claim is settled, or a job that succeeded would run again.
                    tell(new SettledOutcome(message, outcome, batch, millisLeft, true));
                    return;
                }
                outcome = carryOut(message, outcome);
                outcomes.set(index, outcome);
                tell(new SettledOutcome(message, outcome, batch, millisLeft, false));
                if (reportAsFailure(message, outcome) && blocking == null) {
                    blocking = outcome;
                }
            } finally {
                MDC.clear();
            }
        }
    }

    /** The pipeline decides every expected case; a bug in it must not abandon the rest of the lane. */
    private MessageOutcome runSafely(SQSMessage message, Context context, JobMetrics handlerMetrics) {
        try {
            return pipeline.run(message, context, handlerMetrics);
        } catch (RuntimeException e) {
            LOG.error("the runtime failed on this message; it is retried", e);
            return new MessageOutcome.Retry(pipeline.definition().backoff().initial(), "runtime error: " + e, 0);
        }
    }

    /** Performs the outcome's SQS side effect; returns the outcome that stands afterwards. */
    private MessageOutcome carryOut(SQSMessage message, MessageOutcome outcome) {
        ReceivedMessage received = new ReceivedMessage(message, queues);
        try {
            outcome.carryOut(received);
            return outcome;
        } catch (RuntimeException e) {
            // The message stays in its queue: a later delivery will reach the same decision.
            LOG.atError()
                    .setCause(e)
                    .log(
                            "could not carry out outcome {}; the message is reported as failed",
                            outcome.getClass().getSimpleName());
            return outcome.ifNotCarriedOut(received, pipeline.definition().backoff(), e);
        }
    }

    private static boolean reportAsFailure(SQSMessage message, MessageOutcome outcome) {
        return outcome.reportAsFailure(ReceivedMessage.isFifo(message));
    }

    private static Priority priorityOf(SQSMessage message) {
        try {
            return QueueArn.parse(message.getEventSourceArn()).priority().orElse(Priority.NORMAL);
        } catch (IllegalArgumentException e) {
            return Priority.NORMAL;
        }
    }

    private void tell(SettledOutcome settled) {
        for (OutcomeListener listener : listeners) {
            if (settled.late() && !listener.hearsLateOutcomes()) {
                continue;
            }
            try {
                listener.onOutcome(settled);
            } catch (RuntimeException e) {
                LOG.atWarn()
                        .setCause(e)
                        .log(
                                "outcome listener {} failed; ignored",
                                listener.getClass().getSimpleName());
            }
        }
    }

    private static String groupOf(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String group = attributes == null ? null : attributes.get("MessageGroupId");
        return group == null ? "" : group;
    }
}
