package io.sluice.runtime;

import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.store.JobStore;
import io.sluice.store.JobStore.Claim;
import io.sluice.store.JobStore.ClaimResult;
import io.sluice.store.JobStore.Claimed;
import io.sluice.store.JobStore.Duplicate;
import io.sluice.store.JobStore.InProgress;
import io.sluice.store.JobStore.KeyConflict;
import io.sluice.store.JobStore.Unrecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims the job for this attempt (idempotency) and counts the attempt: by the store's claims, or without a store by
 * the envelope's earlier attempts plus SQS's receives. The claim lasts what is left of the invocation (one job
 * timeout without Lambda). A job whose {@code maxAttempts} are spent is dead-lettered, never run once more; a
 * cancelled job, a duplicate of one that succeeded, a claim another delivery holds and a key reused with another
 * payload each end the message here.
 */
final class ClaimJob<P> implements PipelineStage<P> {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimJob.class);

    private final JobDefinition definition;
    private final JobStore store;
    private final MachineryRetry machinery;

    ClaimJob(JobDefinition definition, JobStore store, MachineryRetry machinery) {
        this.definition = definition;
        this.store = store;
        this.machinery = machinery;
    }

    @Override
    public Optional<MessageOutcome> apply(Delivery<P> d) {
        Instant claimUntil = d.now.plusMillis(
                d.context == null ? definition.timeout().toMillis() : d.context.getRemainingTimeInMillis());
        ClaimResult result;
        try {
            result = store.claim(
                    new Claim(d.job, PayloadHash.of(d.envelope.payload()), d.now, claimUntil, d.received > 1));
        } catch (RuntimeException e) {
            return Optional.of(machinery.outcome(d, "job store", e));
        }
        if (result instanceof Unrecorded) {
            return d.attempt > definition.maxAttempts() ? Optional.of(spent(d.attempt, d.before())) : Optional.empty();
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
            JobRun run = conflict.originalJobId().equals(d.job.jobId()) ? null : d.before();
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
        // An earlier dead-lettering failed, or receives without runs piled up: never run attempt max+1.
        return new MessageOutcome.DeadLetter(
                DeadLetterReason.MAX_ATTEMPTS,
                "the job's " + definition.maxAttempts() + " attempts are spent (this is attempt " + attempt + ")",
                attempt,
                run);
    }
}
