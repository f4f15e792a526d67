package io.sluice.runtime;

import io.sluice.envelope.DeadLetterReason;

import io.sluice.store.JobStore.JobRef;
import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one message of a batch, decided by the pipeline and then carried out by the batch
 * processor (visibility changes, dead-lettering, re-sending) so that every side effect lives in one
 * place, and only then recorded in history and metrics. {@link #run()} carries what recording needs.
 */
public sealed interface MessageOutcome {

    /** The job ran and succeeded; the message is acknowledged. */
    record Succeeded(String summary, JobRun run) implements MessageOutcome {
        public Succeeded(String summary) {
            this(summary, null);
        }
    }

    /** A retryable failure: the message returns after {@code delay}; {@code attempt} was spent. */
    record Retry(Duration delay, String error, int attempt, JobRun run) implements MessageOutcome {
        public Retry(Duration delay, String error, int attempt) {
            this(delay, error, attempt, null);
        }
    }

    /** A permanent failure: the message goes to the DLQ with a reason and is then acknowledged. */
    record DeadLetter(DeadLetterReason reason, String detail, int attempt, JobRun run) implements MessageOutcome {
        public DeadLetter(DeadLetterReason reason, String detail, int attempt) {
            this(reason, detail, attempt, null);
        }
    }

    /** Not started because the invocation would time out first; returned at once, no attempt spent. */
    record NotStarted(String why) implements MessageOutcome {
    }

    /** A FIFO message held back because an earlier message of its group failed in this batch. */
    record HeldBehindGroup(String groupId, Duration delay) implements MessageOutcome {
    }

    /**
     * Not run now, and no attempt spent: another delivery holds the job's claim, or a dependency of the
     * runtime (the job store, the rate limiter) was unavailable. Returned after {@code delay}.
     */
    record Postponed(Duration delay, String why) implements MessageOutcome {
    }

    /** Another job with the same idempotency key already succeeded; acknowledged without running. */
    record DuplicateSkipped(JobRef job, String originalJobId, String result) implements MessageOutcome {
    }

    /**
     * Held back until {@code runAt} by a rate limit, a not-before time, or the handler's {@link io.sluice.job.JobDeferral}
     * (then {@code run} holds the claim the attempt took, which is released without counting), without spending an attempt. On a
     * standard queue the message is re-sent with a delay (at most SQS's 15 minutes, re-deferred beyond that)
     * and acknowledged; on a FIFO queue, where re-sending would break the order, its visibility is delayed.
     */
    record Deferred(JobRef job, Instant runAt, Duration delay, String why, boolean isNew, JobRun run) implements MessageOutcome {
        /** A new deferral before the job ran, recorded in history and metrics. */
        public Deferred(JobRef job, Instant runAt, Duration delay, String why) {
            this(job, runAt, delay, why, true, null);
        }

        /** A deferral before the job ran; a copy coming back early ({@code isNew} false) is deferred again silently. */
        public Deferred(JobRef job, Instant runAt, Duration delay, String why, boolean isNew) {
            this(job, runAt, delay, why, isNew, null);
        }
    }

    /** The recording context, when the outcome has one (the records that carry one override this). */
    default JobRun run() {
        return null;
    }

    /** Whether the message must be reported in {@code batchItemFailures} (on a standard queue). */
    default boolean reportAsFailure() {
        return this instanceof Retry || this instanceof NotStarted || this instanceof HeldBehindGroup || this instanceof Postponed;
    }
}
