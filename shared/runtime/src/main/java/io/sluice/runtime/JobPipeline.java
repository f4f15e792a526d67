package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobClasses;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RateLimitSpec;
import io.sluice.envelope.PayloadReader;
import io.sluice.job.JobHandler;
import io.sluice.job.JobMetrics;
import io.sluice.runtime.limit.RateLimiter;
import io.sluice.store.JobStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;

/**
 * The per-message steps of one job type: an ordered list of {@link PipelineStage stages}, each a file of its own that
 * either ends the message with a {@link MessageOutcome} or lets it go on, then the handler itself:
 * {@link ParseEnvelope} (the envelope, against its queue), {@link CheckType} (the type belongs to this queue),
 * {@link HonourNotBefore} (a deferral's not-before time), {@link ReadPayload} (payload and its rate-limit key),
 * {@link TakeRateLimitToken}, {@link ClaimJob} (idempotency and the attempt count), and {@link RunHandler} (the
 * handler under the type's timeout, and how it ended). A new per-message rule is one more stage in {@link #stages}.
 * The pipeline decides; it performs no SQS calls and writes no history: the {@link BatchProcessor} carries each
 * outcome out and its {@link OutcomeListener}s record it, which keeps every rule testable on its own.
 *
 * <p>The rate limit comes before the claim, so a deferred job costs no history write and keeps its whole retry
 * budget. With a job store, attempts are the store's count of real attempts (claims); without one, the envelope's
 * {@code attempt} (spent by earlier messages of the job) plus SQS's {@code ApproximateReceiveCount}.
 */
public final class JobPipeline<P> {
    private final JobDefinition definition;
    private final List<PipelineStage<P>> stages;
    private final RunHandler<P> runHandler;
    private final JobMetrics metrics;

    private JobPipeline(Builder<P> builder) {
        this.definition = builder.definition;
        this.metrics = builder.metrics;
        // Limits are enforced only with a limiter; without one (or without limits) no budget key is read and
        // every acquisition is granted.
        boolean enforced = !definition.rateLimit().isUnlimited() && builder.rateLimiter != RateLimiter.NONE;
        RateLimiter limiter = enforced ? builder.rateLimiter : RateLimiter.NONE;
        RateLimitSpec limits = enforced ? definition.rateLimit() : RateLimitSpec.UNLIMITED;
        MachineryRetry machinery = MachineryRetry.of(definition);
        this.stages = List.of(
                new ParseEnvelope<>(),
                new CheckType<>(definition.type(), builder.catalogue),
                new HonourNotBefore<>(builder.clock),
                new ReadPayload<>(new PayloadReader<>(builder.payloadClass, JobClasses.validator(definition)), limits),
                new TakeRateLimitToken<>(definition.type(), limiter, limits, machinery),
                new ClaimJob<>(definition, builder.store, machinery));
        this.runHandler = new RunHandler<>(
                definition, builder.handler, builder.clock, builder.random, builder.watchdog, builder.deferrals);
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
        Delivery<P> delivery = new Delivery<>(message, context, batchMetrics);
        for (PipelineStage<P> stage : stages) {
            Optional<MessageOutcome> outcome = stage.apply(delivery);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        return runHandler.run(delivery);
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

        /** How often and for how long a handler may defer a job. Default {@link DeferralBudget#DEFAULT}. */
        public Builder<P> deferrals(DeferralBudget value) {
            this.deferrals = Objects.requireNonNull(value, "deferrals");
            return this;
        }

        /**
         * Job history and idempotency. Default {@link JobStore#NONE}: no claims, attempts counted from the
         * envelope's earlier attempts plus SQS's {@code ApproximateReceiveCount}.
         */
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
}
