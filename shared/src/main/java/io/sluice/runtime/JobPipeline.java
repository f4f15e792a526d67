package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.InvalidEnvelopeException;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.JobHandler;
import io.sluice.job.JobMetrics;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The per-message steps of one job type, in order: parse the envelope, check it belongs to this queue,
 * read and validate the payload, run the handler under the type's timeout, and classify the result as a
 * {@link MessageOutcome}. It decides; it performs no SQS calls (the {@link BatchProcessor} does), which
 * keeps every rule here testable without a queue.
 *
 * <p>Attempts are counted as the envelope's {@code attempt} (spent by earlier messages of the job) plus
 * SQS's {@code ApproximateReceiveCount}. A retryable failure on the last attempt is dead-lettered by the
 * runtime with reason {@code max-attempts} and the last error, rather than left to the queue's redrive
 * policy, so the DLQ message says why; the redrive policy remains as the net for crashes and timeouts.
 */
public final class JobPipeline<P> {
    private static final Logger LOG = LoggerFactory.getLogger(JobPipeline.class);
    private static final int MAX_ERROR = 500;

    private final JobDefinition definition;
    private final Catalogue catalogue;
    private final JobHandler<P> handler;
    private final PayloadReader<P> payloads;
    private final EnvelopeParser parser = new EnvelopeParser();
    private final Clock clock;
    private final DoubleSupplier random;
    private final ScheduledExecutorService watchdog;
    private final JobMetrics metrics;

    /**
     * @param random uniform values in [0, 1) for backoff jitter
     * @param watchdog interrupts a job at its timeout; should remove cancelled tasks, as most jobs finish early
     * @param metrics handed to handlers through their {@link io.sluice.job.JobContext}
     */
    public JobPipeline(JobDefinition definition, Catalogue catalogue, JobHandler<P> handler, Class<P> payloadClass, Clock clock,
                       DoubleSupplier random, ScheduledExecutorService watchdog, JobMetrics metrics) {
        this.definition = definition;
        this.catalogue = catalogue;
        this.handler = handler;
        this.payloads = new PayloadReader<>(payloadClass, handler);
        this.clock = clock;
        this.random = random;
        this.watchdog = watchdog;
        this.metrics = metrics;
    }

    public JobDefinition definition() {
        return definition;
    }

    /** Runs one message to an outcome. Throws only on a bug in the runtime itself. */
    public MessageOutcome run(SQSMessage message) {
        int received = receiveCount(message);
        JobEnvelope envelope;
        try {
            envelope = parser.parse(message.getBody());
        } catch (InvalidEnvelopeException e) {
            DeadLetterReason reason = switch (e.kind()) {
                case MALFORMED_JSON -> DeadLetterReason.MALFORMED_JSON;
                case UNSUPPORTED_SPEC_VERSION -> DeadLetterReason.UNSUPPORTED_SPEC_VERSION;
                case INVALID_ENVELOPE -> DeadLetterReason.INVALID_ENVELOPE;
            };
            return new MessageOutcome.DeadLetter(reason, e.getMessage(), received);
        }
        int attempt = envelope.attempt() + received;
        // Every log line of this job, the handler's included, carries these (the batch processor clears them).
        MDC.put("jobId", envelope.jobId());
        MDC.put("type", envelope.type());
        MDC.put("priority", envelope.priority().wireName());
        MDC.put("attempt", Integer.toString(attempt));
        if (!definition.type().equals(envelope.type())) {
            return catalogue.find(envelope.type()).isPresent()
                    ? new MessageOutcome.DeadLetter(DeadLetterReason.WRONG_QUEUE, "type '" + envelope.type()
                            + "' does not belong to this queue, which serves type '" + definition.type() + "'", attempt)
                    : new MessageOutcome.DeadLetter(DeadLetterReason.UNKNOWN_TYPE, "type '" + envelope.type()
                            + "' is not in the job catalogue; known types: " + String.join(", ", catalogue.types()), attempt);
        }
        if (attempt > definition.maxAttempts()) {
            // The budget is spent (an earlier dead-lettering failed, or receives without runs piled up):
            // never run attempt max+1.
            return new MessageOutcome.DeadLetter(DeadLetterReason.MAX_ATTEMPTS, "the job's " + definition.maxAttempts()
                    + " attempts are spent (this is delivery " + attempt + ")", attempt);
        }
        P payload;
        try {
            payload = payloads.read(envelope.payload());
        } catch (PayloadReader.InvalidPayloadException e) {
            return new MessageOutcome.DeadLetter(DeadLetterReason.INVALID_PAYLOAD, e.getMessage(), attempt);
        }
        return execute(envelope, payload, attempt);
    }

    private MessageOutcome execute(JobEnvelope envelope, P payload, int attempt) {
        Instant start = clock.instant();
        RunningJob job = new RunningJob(envelope.jobId(), definition.type(), envelope.priority(), attempt, definition.maxAttempts(),
                start.plus(definition.timeout()), Optional.ofNullable(envelope.source()), metrics);
        Watchdog dog = new Watchdog(Thread.currentThread());
        ScheduledFuture<?> alarm = watchdog.schedule(dog::fire, definition.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            JobResult result = handler.handle(payload, job);
            LOG.info("job succeeded");
            return new MessageOutcome.Succeeded(result == null ? "" : result.summary());
        } catch (PermanentJobFailure e) {
            return new MessageOutcome.DeadLetter(DeadLetterReason.PERMANENT_FAILURE, summarise(e), attempt);
        } catch (RetryableJobFailure e) {
            return retryOrGiveUp(job, summarise(e), e.retryAfter().map(RetryPolicy::capped));
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            String error = dog.fired() ? "timed out after " + definition.timeout() + " (" + summarise(e) + ")" : summarise(e);
            return retryOrGiveUp(job, error, Optional.empty());
        } finally {
            alarm.cancel(false);
            dog.disarm();
        }
    }

    private MessageOutcome retryOrGiveUp(RunningJob job, String error, Optional<Duration> requested) {
        if (job.attempt() >= definition.maxAttempts()) {
            return new MessageOutcome.DeadLetter(DeadLetterReason.MAX_ATTEMPTS,
                    "attempt " + job.attempt() + " of " + definition.maxAttempts() + " failed: " + error, job.attempt());
        }
        Duration delay = requested.orElseGet(() -> definition.backoff().delay(job.attempt(), random));
        LOG.atWarn().addKeyValue("retryIn", delay).log("job attempt failed: {}", error);
        return new MessageOutcome.Retry(delay, error, job.attempt());
    }

    static int receiveCount(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static String summarise(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof PermanentJobFailure || e instanceof RetryableJobFailure) {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return SqsText.safe(text, MAX_ERROR);
    }

    /**
     * Interrupts the job's thread when its timeout passes. The lock makes "fire" and "disarm" exclusive,
     * so an interrupt can never land on the thread after the job has finished and moved on.
     */
    private static final class Watchdog {
        private final Thread thread;
        private boolean done;
        private boolean fired;

        Watchdog(Thread thread) {
            this.thread = thread;
        }

        synchronized void fire() {
            if (!done) {
                fired = true;
                thread.interrupt();
            }
        }

        synchronized boolean fired() {
            return fired;
        }

        synchronized void disarm() {
            done = true;
            if (fired) {
                Thread.interrupted();
            }
        }
    }
}
