package io.sluice.runtime;

import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.envelope.JobEnvelope;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobHandler;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.JobRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The pipeline's last step: runs the handler under the type's timeout and classifies how it ended. Success is
 * acknowledged; {@link PermanentJobFailure} is dead-lettered; {@link JobDeferral} waits without spending an attempt,
 * within the {@link DeferralBudget}; anything else is retried with the type's backoff (or the delay the failure asked
 * for) until the last of {@code maxAttempts}, which is dead-lettered by the runtime with reason {@code max-attempts}
 * and the last error, rather than left to the queue's redrive policy, so the DLQ message says why.
 */
final class RunHandler<P> {
    private static final Logger LOG = LoggerFactory.getLogger(RunHandler.class);
    /** The shortest wait a handler's deferral gets. */
    static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);

    private final JobDefinition definition;
    private final JobHandler<P> handler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final ScheduledExecutorService watchdog;
    private final DeferralBudget deferrals;

    RunHandler(
            JobDefinition definition,
            JobHandler<P> handler,
            Clock clock,
            DoubleSupplier random,
            ScheduledExecutorService watchdog,
            DeferralBudget deferrals) {
        this.definition = definition;
        this.handler = handler;
        this.clock = clock;
        this.random = random;
        this.watchdog = watchdog;
        this.deferrals = deferrals;
    }

    MessageOutcome run(Delivery<P> d) {
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
                d.batchMetrics,
                clock);
        TimeoutAlarm alarm = new TimeoutAlarm(Thread.currentThread());
        ScheduledFuture<?> armed =
                watchdog.schedule(alarm::fire, definition.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            JobResult result = handler.handle(d.payload, job);
            LOG.info("job {} succeeded on attempt {}", job.jobId(), job.attempt());
            return new MessageOutcome.Succeeded(
                    result == null ? "" : result.summary(), new JobRun(ref, claim, start, clock.instant()));
        } catch (PermanentJobFailure e) {
            return new MessageOutcome.DeadLetter(
                    DeadLetterReason.PERMANENT_FAILURE,
                    FailureText.summarise(e),
                    job.attempt(),
                    new JobRun(ref, claim, start, clock.instant()));
        } catch (JobDeferral e) {
            return deferred(d, job, e, new JobRun(ref, claim, start, clock.instant()));
        } catch (RetryableJobFailure e) {
            return retryOrGiveUp(
                    job,
                    FailureText.summarise(e),
                    e.retryAfter().map(RetryPolicy::capped),
                    new JobRun(ref, claim, start, clock.instant()));
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            String error = alarm.fired()
                    ? "timed out after " + definition.timeout() + " (" + FailureText.summarise(e) + ")"
                    : FailureText.summarise(e);
            return retryOrGiveUp(job, error, Optional.empty(), new JobRun(ref, claim, start, clock.instant()));
        } finally {
            armed.cancel(false);
            alarm.disarm();
        }
    }

    private MessageOutcome deferred(Delivery<P> d, RunningJob job, JobDeferral e, JobRun run) {
        Instant now = run.endedAt();
        String why = FailureText.summarise(e);
        // A provider's reset already in the past (a stale header, clock skew) must not re-run the job at once,
        // again and again: wait at least a moment.
        Instant runAt = e.runAt(now).isBefore(now.plus(MIN_DEFERRAL)) ? now.plus(MIN_DEFERRAL) : e.runAt(now);
        DeferralBudget.Tally tally = DeferralBudget.Tally.next(MessageAttributes.stringValues(d.message), now);
        String exceeded = deferrals.exceeded(tally, now);
        if (exceeded != null) {
            return new MessageOutcome.DeadLetter(
                    DeadLetterReason.DEFERRAL_BUDGET, exceeded + "; last: " + why, job.attempt(), run);
        }
        LOG.atInfo()
                .addKeyValue("runAt", runAt)
                .log("job {} deferred by its handler until {}: {}", job.jobId(), runAt, why);
        return new MessageOutcome.Deferred(d.job, runAt, Duration.between(now, runAt), why, true, run, tally);
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
}
