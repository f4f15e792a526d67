package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.runtime.limit.RateLimiter;
import io.sluice.runtime.metrics.BatchMetrics;
import io.sluice.runtime.metrics.JobTypeMetrics;
import io.sluice.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * SnapStart priming for one function: one message of its own type run through the function's real batch processor,
 * pipeline, payload reader and validator, lanes and watchdog, before the snapshot is taken, so that the classes,
 * Jackson deserialisers and SDK marshallers the first batch needs are loaded and initialised in the snapshot
 * instead of after every restore. It has no side effects by construction:
 * <ul>
 *   <li>the handler is a stand-in that returns at once: the job type's own handler, which has side effects, never
 *       runs (its class and settings were loaded at init);</li>
 *   <li>SQS operations go nowhere (a recorder), and SQS's client is exercised with a read that its
 *       {@link RehearsalGuard} stops before transmission;</li>
 *   <li>the job store and rate limiter are the function's own only when their DynamoDB client carries a
 *       {@link RehearsalGuard}, which stops every request before transmission (marshalled and signed, never sent);
 *       otherwise {@link JobStore#NONE} and {@link RateLimiter#NONE}; outcomes are recorded nowhere;</li>
 *   <li>metrics are collected into a batch that is never flushed, so no EMF document is written;</li>
 *   <li>randomness is a constant: the function's own generator is not made before the snapshot.</li>
 * </ul>
 */
public final class Rehearsal {
    /** The job id of the rehearsal message; no job ever has it, and nothing is written under it. */
    public static final String JOB_ID = "sluice-priming-rehearsal";

    private final JobDefinition definition;
    private final Catalogue catalogue;
    private final Class<?> payloadClass;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    private final ExecutorService lanes;
    private final DeferralBudget deferrals;
    private final JobStore store;
    private final RateLimiter rateLimiter;
    private final JobTypeMetrics metrics;
    private final QueueOperations queues;
    private final List<RehearsalGuard> guards;

    Rehearsal(
            JobDefinition definition,
            Catalogue catalogue,
            Class<?> payloadClass,
            Clock clock,
            ScheduledExecutorService watchdog,
            ExecutorService lanes,
            DeferralBudget deferrals,
            Guarded state,
            JobTypeMetrics metrics,
            QueueOperations queues) {
        this.definition = definition;
        this.catalogue = catalogue;
        this.payloadClass = payloadClass;
        this.clock = clock;
        this.watchdog = watchdog;
        this.lanes = lanes;
        this.deferrals = deferrals;
        this.store = state.store();
        this.rateLimiter = state.rateLimiter();
        this.metrics = metrics;
        this.queues = queues;
        List<RehearsalGuard> all = new ArrayList<>(state.guards());
        if (queues instanceof SqsQueueOperations sqs) {
            sqs.guard().ifPresent(all::add);
        }
        // One guard may sit on both clients; each is switched on once.
        this.guards = List.copyOf(new java.util.LinkedHashSet<>(all));
    }

    /**
     * The job store and rate limiter a rehearsal may use, with the guards of their clients; {@link #NONE} when the
     * function keeps no job state or its DynamoDB client has no guard.
     */
    record Guarded(JobStore store, RateLimiter rateLimiter, List<RehearsalGuard> guards) {
        static final Guarded NONE = new Guarded(JobStore.NONE, RateLimiter.NONE, List.of());
    }

    /**
     * What a rehearsal did: the outcome the rehearsal message reached, what it asked of SQS (recorded, never sent),
     * and how many AWS requests the guards stopped before transmission.
     */
    public record Report(String outcome, List<String> queueOperations, long requestsStopped) {}

    /** Runs the rehearsal once; safe to call again (each run stops its own requests and writes nothing). */
    public Report run() {
        long stoppedBefore = stopped();
        Supplier<Report> work = this::rehearse;
        for (RehearsalGuard guard : guards) {
            Supplier<Report> inner = work;
            work = () -> guard.during(inner);
        }
        Report report = work.get();
        return new Report(report.outcome(), report.queueOperations(), stopped() - stoppedBefore);
    }

    private Report rehearse() {
        List<String> asked = new CopyOnWriteArrayList<>();
        List<String> outcomes = new CopyOnWriteArrayList<>();
        JobPipeline<?> pipeline = pipeline();
        // Outcomes are recorded nowhere: a history write the guard stopped would be logged as an error in every
        // snapshot. The claim below exercises the same UpdateItem path of the store.
        BatchProcessor processor = new BatchProcessor(
                pipeline,
                new RecordingQueues(asked),
                lanes,
                List.of(settled -> outcomes.add(settled.outcome().getClass().getSimpleName())));
        processor.process(event(), rehearsalContext(definition.timeout().plusMinutes(1)));
        if (store != JobStore.NONE) {
            // A claim the guard stops before it leaves: marshalled, signed, never sent. The rehearsal message may
            // not have reached its claim (a payload of {} is invalid for most types).
            Instant now = clock.instant();
            try {
                store.claim(new JobStore.Claim(
                        new JobStore.JobRef(JOB_ID, definition.type(), definition.defaultPriority(), null, now),
                        JOB_ID,
                        now,
                        now.plus(definition.timeout())));
            } catch (RuntimeException stopped) {
                // expected: the guard stopped it
            }
        }
        if (queues instanceof SqsQueueOperations sqs) {
            sqs.rehearse();
        }
        if (metrics != null) {
            // Collected, never flushed: the classes are loaded, and no document is written.
            BatchMetrics batch = metrics.startBatch(definition.defaultPriority());
            batch.succeeded();
            batch.deadLettered(DeadLetterReason.INVALID_PAYLOAD);
            batch.duration(Duration.ofMillis(1));
            batch.queueLatency(Duration.ofMillis(1));
        }
        return new Report(String.join(",", outcomes), List.copyOf(asked), 0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JobPipeline<?> pipeline() {
        JobHandler<Object> standIn = (payload, context) -> JobResult.of("primed");
        return JobPipeline.builder(definition, catalogue, (JobHandler) standIn, (Class) payloadClass)
                .clock(clock)
                .random(() -> 0.5)
                .watchdog(watchdog)
                .store(store)
                .rateLimiter(rateLimiter)
                .deferrals(deferrals)
                .build();
    }

    private SQSEvent event() {
        Instant now = clock.instant();
        JobEnvelope envelope = JobEnvelope.builder()
                .jobId(JOB_ID)
                .type(definition.type())
                .priority(definition.defaultPriority())
                .payload(SluiceJson.mapper().createObjectNode())
                .createdAt(now)
                .source("sluice-priming")
                .build();
        SQSMessage message = new SQSMessage();
        message.setMessageId(JOB_ID);
        message.setReceiptHandle(JOB_ID);
        message.setBody(envelope.toJson());
        message.setEventSource("aws:sqs");
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:sluice-priming-" + definition.type() + "-"
                + definition.defaultPriority().wireName());
        message.setAttributes(Map.of(
                "ApproximateReceiveCount", "1",
                "SentTimestamp", Long.toString(now.toEpochMilli()),
                "ApproximateFirstReceiveTimestamp", Long.toString(now.toEpochMilli())));
        message.setMessageAttributes(Map.of());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    private long stopped() {
        return guards.stream().mapToLong(RehearsalGuard::stopped).sum();
    }

    /** SQS operations a rehearsal asks for, written down and never carried out. */
    private record RecordingQueues(List<String> asked) implements QueueOperations {
        @Override
        public void changeVisibility(String queueArn, String receiptHandle, Duration delay) {
            asked.add("changeVisibility " + delay);
        }

        @Override
        public void deadLetter(
                String queueArn, SQSMessage message, DeadLetterReason reason, String detail, int attempts) {
            asked.add("deadLetter " + reason.wireName());
        }

        @Override
        public void resend(
                String queueArn,
                SQSMessage message,
                Duration delay,
                Instant notBefore,
                Map<String, String> numberAttributes) {
            asked.add("resend " + delay);
        }
    }

    /** The invocation context of the rehearsal: time enough for the type's timeout. */
    private static Context rehearsalContext(Duration timeLeft) {
        return new InvocationContext(
                JOB_ID,
                "sluice-priming",
                "priming",
                "sluice-priming",
                "sluice-priming",
                512,
                InvocationContext.countingDown(timeLeft),
                InvocationContext.SILENT);
    }
}
