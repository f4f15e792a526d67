package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobClasses;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.EnvelopeParser;
import io.sluice.envelope.Excerpt;
import io.sluice.envelope.InvalidEnvelopeException;
import io.sluice.envelope.JobEnvelope;
import io.sluice.envelope.PayloadReader;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobHandler;
import io.sluice.job.JobMetrics;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import io.sluice.limit.InvalidRateLimitKeyException;
import io.sluice.limit.RateDecision;
import io.sluice.limit.RateLimitKeys;
import io.sluice.limit.RateLimiter;
import io.sluice.store.JobStore;
import io.sluice.store.JobStore.Claim;
import io.sluice.store.JobStore.ClaimResult;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.Duplicate;
import io.sluice.store.JobStore.InProgress;
import io.sluice.store.JobStore.JobRef;
import io.sluice.store.JobStore.KeyConflict;
import io.sluice.store.JobStore.Unrecorded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The per-message steps of one job type, in order, each a method of its own that either ends the message with
 * a {@link MessageOutcome} or lets it go on: parse the envelope ({@code parse}), check it belongs to this queue
 * ({@code checkType}), honour a not-before time ({@code honourNotBefore}), read and validate the payload
 * ({@code readPayload}), take a rate-limit token ({@code takeRateLimitToken}), claim the job for idempotency
 * ({@code claim}), then run the handler under the type's timeout and classify how it ended ({@code execute}).
 * It decides; it performs no SQS calls and writes no history (the {@link BatchProcessor} and {@link JobRecorder}
 * record each outcome after, as the outcome itself says), which keeps every rule here testable.
 *
 * <p>The rate limit comes before the claim, so a deferred job costs no history write and keeps its
 * whole retry budget. With a job store, attempts are the store's count of real attempts (claims); without
 * one, the envelope's {@code attempt} (spent by earlier messages of the job) plus SQS's
 * {@code ApproximateReceiveCount}. A retryable failure on the last attempt is dead-lettered by the
 * runtime with reason {@code max-attempts} and the last error, rather than left to the queue's redrive
 * policy, so the DLQ message says why; the redrive policy remains as the net for crashes and timeouts.
 */
public final class JobPipeline<P> {
    private static final Logger LOG = LoggerFactory.getLogger(JobPipeline.class);
    private static final int MAX_ERROR = 500;
    /** Message attribute (epoch milliseconds) on a re-sent deferred job: do not run it before then. */
    public static final String NOT_BEFORE_ATTRIBUTE = "sluice-not-before";
    /**
     * The furthest ahead a {@value #NOT_BEFORE_ATTRIBUTE} may lie: the DLQs' retention. The runtime's own deferrals
     * (rate-limit windows, a provider's reset) stay far inside it; anything beyond was set by someone else.
     */
    static final Duration MAX_NOT_BEFORE_AHEAD = Duration.ofDays(14);

    private final JobDefinition definition;
    private final Catalogue catalogue;
    private final JobHandler<P> handler;
    private final PayloadReader<P> payloads;
    private final EnvelopeParser parser = new EnvelopeParser();
    private final Clock clock;
    private final DoubleSupplier random;
    /** The shortest wait a handler's deferral gets. */
    static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);

    private final ScheduledExecutorService watchdog;
    private final JobMetrics metrics;
    private final JobStore store;
    private final MachineryRetry machinery;
    private final DeferralBudget deferrals;
    private final RateLimiter limiter;
    /** The limits this pipeline enforces: the type's, or none without a limiter. */
    private final RateLimitSpec limits;

    private JobPipeline(Builder<P> builder) {
        this.definition = builder.definition;
        this.catalogue = builder.catalogue;
        this.handler = builder.handler;
        this.payloads = new PayloadReader<>(builder.payloadClass, JobClasses.validator(definition));
        this.clock = builder.clock;
        this.random = builder.random;
        this.watchdog = builder.watchdog;
        this.metrics = builder.metrics;
        this.store = builder.store;
        this.machinery = MachineryRetry.of(builder.definition);
        this.deferrals = builder.deferrals;
        // Limits are enforced only with a limiter; without one (or without limits) no budget key is read and
        // every acquisition is granted.
        boolean enforced = !definition.rateLimit().isUnlimited() && builder.rateLimiter != RateLimiter.NONE;
        this.limiter = enforced ? builder.rateLimiter : RateLimiter.NONE;
        this.limits = enforced ? definition.rateLimit() : RateLimitSpec.UNLIMITED;
    }

    /**
     * Starts a pipeline for one job type. Only {@link Builder#watchdog} must be set as well; the rest has
     * defaults: no job history, idempotency or rate limits, attempts counted from SQS receives.
     *
     * @param definition the type's effective definition (catalogue plus overrides)
     * @param catalogue every known type, to tell a message for another queue from one of an unknown type
     */
    public static <P> Builder<P> builder(
            JobDefinition definition, Catalogue catalogue, JobHandler<P> handler, Class<P> payloadClass) {
        return new Builder<>(definition, catalogue, handler, payloadClass);
    }

    public JobDefinition definition() {
        return definition;
    }

    /** Runs one message with no Lambda context (tests, tools): the claim lasts one job timeout. */
    public MessageOutcome run(SQSMessage message) {
        return run(message, null, metrics);
    }

    /**
     * Runs one message to an outcome. Throws only on a bug in the runtime itself.
     *
     * @param context the invocation; its remaining time is how long the job's claim lasts if never completed
     * @param batchMetrics the batch's metrics view for the handler
     */
    public MessageOutcome run(SQSMessage message, Context context, JobMetrics batchMetrics) {
        Delivery delivery = new Delivery(message, context);
        // Each step either ends the message with an outcome or lets it go on to the next.
        return parse(delivery)
                .or(() -> checkType(delivery))
                .or(() -> honourNotBefore(delivery))
                .or(() -> readPayload(delivery))
                .or(() -> takeRateLimitToken(delivery))
                .or(() -> claim(delivery))
                .orElseGet(() -> execute(delivery, batchMetrics));
    }

    /** Parses the envelope; from here on the job is known, and every log line names it. */
    private Optional<MessageOutcome> parse(Delivery d) {
        try {
            d.envelope = parser.parse(d.message.getBody(), queuePriority(d.message));
        } catch (InvalidEnvelopeException e) {
            DeadLetterReason reason = switch (e.kind()) {
                case MALFORMED_JSON -> DeadLetterReason.MALFORMED_JSON;
                case UNSUPPORTED_SPEC_VERSION -> DeadLetterReason.UNSUPPORTED_SPEC_VERSION;
                case INVALID_ENVELOPE -> DeadLetterReason.INVALID_ENVELOPE;
                case WRONG_QUEUE -> DeadLetterReason.WRONG_QUEUE;
            };
            return Optional.of(new MessageOutcome.DeadLetter(reason, e.getMessage(), d.received));
        }
        JobEnvelope envelope = d.envelope;
        d.job = new JobRef(
                envelope.jobId(),
                envelope.type(),
                envelope.priority(),
                envelope.idempotencyKey(),
                enqueuedAt(envelope, d.message),
                envelope.source());
        d.attempt = envelope.attempt() + d.received;
        // Every log line of this job, the handler's included, carries these (the batch processor clears them).
        MDC.put("jobId", envelope.jobId());
        MDC.put("type", envelope.type());
        MDC.put("priority", envelope.priority().wireName());
        return Optional.empty();
    }

    /** The priority of the queue the message came from (its ARN names it), or {@code null} when it does not say. */
    private static io.sluice.job.Priority queuePriority(SQSMessage message) {
        try {
            return message.getEventSourceArn() == null
                    ? null
                    : QueueArn.parse(message.getEventSourceArn()).priority().orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Refuses a job of another type: one sent to the wrong queue, or of a type no catalogue knows. */
    private Optional<MessageOutcome> checkType(Delivery d) {
        String type = d.envelope.type();
        if (definition.type().equals(type)) {
            return Optional.empty();
        }
        return Optional.of(
                catalogue.find(type).isPresent()
                        ? new MessageOutcome.DeadLetter(
                                DeadLetterReason.WRONG_QUEUE,
                                "type '" + type + "' does not belong to this queue, which serves type '"
                                        + definition.type() + "'",
                                d.attempt,
                                JobRun.before(d.job))
                        : new MessageOutcome.DeadLetter(
                                DeadLetterReason.UNKNOWN_TYPE,
                                "type '" + Excerpt.of(type) + "' is not in the job catalogue; known types: "
                                        + String.join(", ", catalogue.types()),
                                d.attempt,
                                // Recorded under the id it carries, so jobs failures counts what the DLQ holds; the
                                // write without a claim never touches a job that runs or finished under that id.
                                JobRun.before(d.job)));
    }

    /** Defers again a copy that came back before the not-before time its deferral set. */
    private Optional<MessageOutcome> honourNotBefore(Delivery d) {
        d.now = clock.instant();
        Instant notBefore = notBefore(d.message);
        if (notBefore != null && notBefore.isAfter(d.now.plus(MAX_NOT_BEFORE_AHEAD))) {
            // The runtime never defers that far; a producer did (or a clock went wrong). Waiting would re-send the
            // message every 15 minutes for ever without a terminal state, so refuse it where an operator sees it.
            return Optional.of(new MessageOutcome.DeadLetter(
                    DeadLetterReason.INVALID_ENVELOPE,
                    NOT_BEFORE_ATTRIBUTE + " " + notBefore + " is more than " + MAX_NOT_BEFORE_AHEAD.toDays()
                            + " days ahead; send a job due later through a schedule (SluiceClient runAt)",
                    d.attempt,
                    JobRun.before(d.job)));
        }
        if (notBefore != null && d.now.isBefore(notBefore)) {
            // Deferred earlier beyond SQS's 15-minute delay: wait again, without touching any table.
            return Optional.of(new MessageOutcome.Deferred(
                    d.job, notBefore, Duration.between(d.now, notBefore), "not before " + notBefore, false));
        }
        return Optional.empty();
    }

    /** Reads the payload into the handler's type and validates it, with the rate-limit key field it must carry. */
    private Optional<MessageOutcome> readPayload(Delivery d) {
        try {
            d.payload = payloads.read(d.envelope.payload());
            d.budgetKey = RateLimitKeys.of(limits, d.envelope.payload());
        } catch (PayloadReader.InvalidPayloadException | InvalidRateLimitKeyException e) {
            return Optional.of(new MessageOutcome.DeadLetter(
                    DeadLetterReason.INVALID_PAYLOAD, e.getMessage(), d.attempt, JobRun.before(d.job)));
        }
        return Optional.empty();
    }

    /**
     * Takes one run from the type's limits, or defers the job to when they allow one. Before the claim, so a
     * deferral costs no history write and keeps the whole retry budget.
     */
    private Optional<MessageOutcome> takeRateLimitToken(Delivery d) {
        RateDecision decision;
        try {
            decision = limiter.acquire(definition.type(), d.budgetKey, limits, d.now);
        } catch (RuntimeException e) {
            return Optional.of(machineryFailed(d, "rate limiter", e));
        }
        if (decision instanceof RateDecision.Deferred deferred) {
            return Optional.of(new MessageOutcome.Deferred(
                    d.job, deferred.until(), deferred.delayFrom(d.now), "rate limit " + deferred.blockedBy()));
        }
        return Optional.empty();
    }

    /**
     * The store or the limiter failed for this message: back to the queue with a delay that grows with its receives
     * and costs no attempt, or, on the last receive the redrive policy allows, dead-lettered with the error.
     */
    private MessageOutcome machineryFailed(Delivery d, String what, RuntimeException e) {
        String error = what + " unavailable on receive " + d.received + " of " + machinery.maxReceiveCount() + ": "
                + summarise(e);
        if (machinery.lastReceive(d.received)) {
            LOG.atError().addKeyValue("jobId", d.job.jobId()).log("job {} dead-lettered: {}", d.job.jobId(), error);
            return new MessageOutcome.DeadLetter(
                    DeadLetterReason.RUNTIME_ERROR, error, d.attempt, JobRun.before(d.job));
        }
        Duration delay = machinery.delayAfter(d.received);
        LOG.atWarn()
                .addKeyValue("jobId", d.job.jobId())
                .log("job {} returns in {} s without spending an attempt: {}", d.job.jobId(), delay.toSeconds(), error);
        return new MessageOutcome.Postponed(delay, error);
    }

    /**
     * Claims the job for this attempt (idempotency), and counts the attempt: by the store's claims, or without a
     * store by the envelope's earlier attempts plus SQS's receives. Never runs attempt max+1.
     */
    private Optional<MessageOutcome> claim(Delivery d) {
        Instant claimUntil = d.now.plusMillis(
                d.context == null ? definition.timeout().toMillis() : d.context.getRemainingTimeInMillis());
        ClaimResult result;
        try {
            result = store.claim(
                    new Claim(d.job, PayloadHash.of(d.envelope.payload()), d.now, claimUntil, d.received > 1));
        } catch (RuntimeException e) {
            return Optional.of(machineryFailed(d, "job store", e));
        }
        if (result instanceof Unrecorded) {
            return d.attempt > definition.maxAttempts()
                    ? Optional.of(spent(d.attempt, JobRun.before(d.job)))
                    : Optional.empty();
        }
        if (result instanceof JobStore.Cancelled) {
            LOG.info("job {} was cancelled before it started; acknowledged without running", d.job.jobId());
            return Optional.of(new MessageOutcome.Cancelled(d.job));
        }
        if (result instanceof Duplicate duplicate) {
            return Optional.of(
                    new MessageOutcome.DuplicateSkipped(d.job, duplicate.originalJobId(), duplicate.result()));
        }
        if (result instanceof InProgress inProgress) {
            // Another delivery is running it: look again when its claim would lapse. Not sooner: every
            // early look is a receive, and receives count towards the queue's redrive threshold.
            Duration wait = Duration.between(d.now, inProgress.until()).plusSeconds(1);
            return Optional.of(new MessageOutcome.Postponed(
                    RetryPolicy.capped(wait),
                    "job " + inProgress.holderJobId() + " holds the claim until " + inProgress.until()));
        }
        if (result instanceof KeyConflict conflict) {
            // Same job id with another payload: the original's history must stay untouched.
            JobRun run = conflict.originalJobId().equals(d.job.jobId()) ? null : JobRun.before(d.job);
            return Optional.of(new MessageOutcome.DeadLetter(
                    DeadLetterReason.IDEMPOTENCY_CONFLICT,
                    "idempotency key '" + d.job.effectiveKey() + "' was already used by job " + conflict.originalJobId()
                            + " with a different payload",
                    d.attempt,
                    run));
        }
        d.claim = (Claimed) result;
        d.attempt = d.claim.attempt();
        if (d.attempt > definition.maxAttempts()) {
            return Optional.of(spent(d.attempt, new JobRun(d.job, d.claim, d.now, d.now)));
        }
        return Optional.empty();
    }

    private MessageOutcome spent(int attempt, JobRun run) {
        // The budget is spent (an earlier dead-lettering failed, or receives without runs piled up):
        // never run attempt max+1.
        return new MessageOutcome.DeadLetter(
                DeadLetterReason.MAX_ATTEMPTS,
                "the job's " + definition.maxAttempts() + " attempts are spent (this is attempt " + attempt + ")",
                attempt,
                run);
    }

    /** Runs the handler under the type's timeout and classifies how it ended. */
    private MessageOutcome execute(Delivery d, JobMetrics batchMetrics) {
        MDC.put("attempt", Integer.toString(d.attempt));
        JobEnvelope envelope = d.envelope;
        JobRef ref = d.job;
        Claimed claim = d.claim;
        Instant start = clock.instant();
        RunningJob job = new RunningJob(
                envelope.jobId(),
                definition.type(),
                envelope.priority(),
                d.attempt,
                definition.maxAttempts(),
                start.plus(definition.timeout()),
                Optional.ofNullable(envelope.source()),
                batchMetrics,
                clock);
        Watchdog dog = new Watchdog(Thread.currentThread());
        ScheduledFuture<?> alarm =
                watchdog.schedule(dog::fire, definition.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            JobResult result = handler.handle(d.payload, job);
            LOG.info("job {} succeeded on attempt {}", job.jobId(), job.attempt());
            return new MessageOutcome.Succeeded(
                    result == null ? "" : result.summary(), new JobRun(ref, claim, start, clock.instant()));
        } catch (PermanentJobFailure e) {
            return new MessageOutcome.DeadLetter(
                    DeadLetterReason.PERMANENT_FAILURE,
                    summarise(e),
                    job.attempt(),
                    new JobRun(ref, claim, start, clock.instant()));
        } catch (JobDeferral e) {
            Instant now = clock.instant();
            // A provider's reset already in the past (a stale header, clock skew) must not re-run the job at once,
            // again and again: wait at least a moment.
            Instant runAt = e.runAt(now).isBefore(now.plus(MIN_DEFERRAL)) ? now.plus(MIN_DEFERRAL) : e.runAt(now);
            DeferralBudget.Tally tally = DeferralBudget.Tally.next(attributeValues(d.message), now);
            String exceeded = deferrals.exceeded(tally, now);
            if (exceeded != null) {
                return new MessageOutcome.DeadLetter(
                        DeadLetterReason.DEFERRAL_BUDGET,
                        exceeded + "; last: " + summarise(e),
                        job.attempt(),
                        new JobRun(ref, claim, start, now));
            }
            LOG.atInfo()
                    .addKeyValue("runAt", runAt)
                    .log("job {} deferred by its handler until {}: {}", job.jobId(), runAt, summarise(e));
            return new MessageOutcome.Deferred(
                    ref,
                    runAt,
                    Duration.between(now, runAt),
                    summarise(e),
                    true,
                    new JobRun(ref, claim, start, now),
                    tally);
        } catch (RetryableJobFailure e) {
            return retryOrGiveUp(
                    job,
                    summarise(e),
                    e.retryAfter().map(RetryPolicy::capped),
                    new JobRun(ref, claim, start, clock.instant()));
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            String error =
                    dog.fired() ? "timed out after " + definition.timeout() + " (" + summarise(e) + ")" : summarise(e);
            return retryOrGiveUp(job, error, Optional.empty(), new JobRun(ref, claim, start, clock.instant()));
        } finally {
            alarm.cancel(false);
            dog.disarm();
        }
    }

    private MessageOutcome retryOrGiveUp(RunningJob job, String error, Optional<Duration> requested, JobRun run) {
        if (job.attempt() >= definition.maxAttempts()) {
            return new MessageOutcome.DeadLetter(
                    DeadLetterReason.MAX_ATTEMPTS,
                    "attempt " + job.attempt() + " of " + definition.maxAttempts() + " failed: " + error,
                    job.attempt(),
                    run);
        }
        Duration delay = requested.orElseGet(() -> definition.backoff().delay(job.attempt(), random));
        LOG.atWarn()
                .addKeyValue("retryIn", delay)
                .log("job {} attempt {} failed, retrying in {}: {}", job.jobId(), job.attempt(), delay, error);
        return new MessageOutcome.Retry(delay, error, job.attempt(), run);
    }

    /** When the job was enqueued: the envelope's {@code createdAt}, else SQS's sent time. */
    private static Instant enqueuedAt(JobEnvelope envelope, SQSMessage message) {
        if (envelope.createdAt() != null) {
            return envelope.createdAt();
        }
        String sent =
                message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
        try {
            return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, String> attributeValues(SQSMessage message) {
        Map<String, String> values = new java.util.HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value.getStringValue() != null) {
                    values.put(name, value.getStringValue());
                }
            });
        }
        return values;
    }

    /** The {@value #NOT_BEFORE_ATTRIBUTE} message attribute a deferral left, if any. */
    private static Instant notBefore(SQSMessage message) {
        var attributes = message.getMessageAttributes();
        var value = attributes == null ? null : attributes.get(NOT_BEFORE_ATTRIBUTE);
        if (value == null || value.getStringValue() == null) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value.getStringValue()));
        } catch (NumberFormatException e) {
            return null;
        }
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
        String text = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof PermanentJobFailure || e instanceof RetryableJobFailure || e instanceof JobDeferral) {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return SqsText.safe(text, MAX_ERROR);
    }

    /**
     * What the steps learn about one message as it goes through them; each step reads what the earlier ones set.
     * Lives for one {@link #run} call on one thread.
     */
    private final class Delivery {
        final SQSMessage message;
        /** The invocation, or {@code null} when run without Lambda. */
        final Context context;
        /** SQS's {@code ApproximateReceiveCount}. */
        final int received;

        JobEnvelope envelope;
        JobRef job;
        /** This attempt's number: from receives until a store's claim counts it. */
        int attempt;
        /** The moment the job is judged at: not-before time, rate limits, claim. */
        Instant now;

        P payload;
        String budgetKey;
        /** The store's claim, or {@code null} with {@link JobStore#NONE}. */
        Claimed claim;

        Delivery(SQSMessage message, Context context) {
            this.message = message;
            this.context = context;
            this.received = receiveCount(message);
        }
    }

    /**
     * Assembles a {@link JobPipeline}. The watchdog must be set; every other collaborator has a default, given
     * with its setter.
     */
    public static final class Builder<P> {
        private final JobDefinition definition;
        private final Catalogue catalogue;
        private final JobHandler<P> handler;
        private final Class<P> payloadClass;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = new SnapSafeRandom();
        private ScheduledExecutorService watchdog;
        private JobMetrics metrics = JobMetrics.NONE;
        private JobStore store = JobStore.NONE;
        private DeferralBudget deferrals = DeferralBudget.DEFAULT;
        private RateLimiter rateLimiter = RateLimiter.NONE;

        private Builder(JobDefinition definition, Catalogue catalogue, JobHandler<P> handler, Class<P> payloadClass) {
            this.definition = Objects.requireNonNull(definition, "definition");
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
            this.handler = Objects.requireNonNull(handler, "handler");
            this.payloadClass = Objects.requireNonNull(payloadClass, "payloadClass");
        }

        /** Time source for not-before times, rate limits, claims and deadlines. Default the system UTC clock. */
        public Builder<P> clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Uniform values in [0, 1) for backoff jitter. Default a {@link SnapSafeRandom}. */
        public Builder<P> random(DoubleSupplier value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Interrupts a job at its timeout. Required; it should remove cancelled tasks
         * ({@link java.util.concurrent.ScheduledThreadPoolExecutor#setRemoveOnCancelPolicy}), as most jobs finish early.
         */
        public Builder<P> watchdog(ScheduledExecutorService value) {
            this.watchdog = Objects.requireNonNull(value, "watchdog");
            return this;
        }

        /**
         * Handed to handlers through their {@link io.sluice.job.JobContext} when a message runs without a batch
         * ({@link #run(SQSMessage)}). Default {@link JobMetrics#NONE}.
         */
        public Builder<P> metrics(JobMetrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /**
         * Job history and idempotency. Default {@link JobStore#NONE}: no claims, attempts counted from the
         * envelope's earlier attempts plus SQS's {@code ApproximateReceiveCount}.
         */
        /** How often and for how long a handler may defer a job. Default {@link DeferralBudget#DEFAULT}. */
        public Builder<P> deferrals(DeferralBudget value) {
            this.deferrals = Objects.requireNonNull(value, "deferrals");
            return this;
        }

        public Builder<P> store(JobStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** The rate-limit counters, asked when the type has limits. Default {@link RateLimiter#NONE}: limits are not enforced. */
        public Builder<P> rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter");
            return this;
        }

        public JobPipeline<P> build() {
            if (watchdog == null) {
                throw new IllegalStateException("the watchdog of job type '" + definition.type()
                        + "' must be set: it interrupts a job at its timeout");
            }
            return new JobPipeline<>(this);
        }
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
