package io.sluice.runtime;

import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.store.JobStore.JobRef;
import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one message of a batch, one record per outcome, decided by the pipeline and then acted on by the
 * batch processor: first its SQS side effect ({@link #carryOut}, or what stands when SQS refused it,
 * {@link #ifNotCarriedOut}) and whether the partial batch response reports it ({@link #reportAsFailure}), which each
 * record says for itself; then the {@link OutcomeListener}s (job history, metrics, and what a feature adds), which
 * take each outcome through {@link Cases}, so the compiler makes every listener decide about every outcome.
 * {@link #run()} carries what recording needs.
 */
public sealed interface MessageOutcome {

    /**
     * Performs this outcome's SQS side effect on its message. Throws when SQS refuses; the batch processor then
     * uses {@link #ifNotCarriedOut} instead.
     */
    void carryOut(ReceivedMessage message);

    /**
     * What stands when {@link #carryOut} failed. It must leave the message in its queue (report it failed), so a
     * later delivery can reach the same decision: a message is never acknowledged after a side effect that did not
     * happen.
     *
     * @param backoff the type's retry policy, for a fallback that must not turn into a hot loop
     */
    default MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
        // The outcome itself, for every outcome whose message is acknowledged by doing nothing or is reported failed
        // anyway (its visibility then is the queue's own); the dead-letter and the deferral say otherwise.
        return this;
    }

    /**
     * Hands this outcome to the case of {@code cases} for its class. A listener that acts per outcome
     * ({@link JobRecorder}, {@link OutcomeCounter}) implements {@link Cases}, so the compiler names every outcome it
     * has to decide about, a new one included.
     */
    <R> R accept(Cases<R> cases);

    /**
     * Whether the message must be reported in {@code batchItemFailures}, so that it stays in its queue for another
     * delivery, rather than being deleted.
     *
     * @param fifo whether the message came from a FIFO queue
     */
    boolean reportAsFailure(boolean fifo);

    /** The recording context, when the outcome has one (the records that carry one override this). */
    default JobRun run() {
        return null;
    }

    /**
     * When this outcome stops a FIFO message group, how long the group's later messages of the batch are held back
     * ({@link HeldBehindGroup}). Zero, but for a retry: they come back after it.
     */
    default Duration holdsGroupFor() {
        return Duration.ZERO;
    }

    /**
     * What history records for this outcome when it was reached after the invocation had answered: too late for
     * SQS, whose redelivery decides. Itself, but for a dead-lettering (see {@link DeadLetter#settledLate()}).
     */
    default MessageOutcome settledLate() {
        return this;
    }

    /**
     * An outcome that leaves the message in its queue, reported failed, to come back after {@link #delay()}: its
     * visibility is moved there (for a retry, so the redelivery waits for the backoff rather than the queue's
     * timeout). Only a {@link Retry} has spent an attempt.
     */
    sealed interface ReturnedToQueue extends MessageOutcome {
        /** How long the message stays invisible before its next delivery. */
        Duration delay();

        @Override
        default void carryOut(ReceivedMessage message) {
            message.returnAfter(delay());
        }

        @Override
        default boolean reportAsFailure(boolean fifo) {
            return true;
        }
    }

    /** The job ran and succeeded; the message is acknowledged. */
    record Succeeded(String summary, JobRun run) implements MessageOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.succeeded(this);
        }

        public Succeeded(String summary) {
            this(summary, null);
        }

        @Override
        public void carryOut(ReceivedMessage message) {
            // Nothing to do: Lambda deletes the messages the response does not report.
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return false;
        }
    }

    /** A retryable failure: the message returns after {@code delay}; {@code attempt} was spent. */
    record Retry(Duration delay, String error, int attempt, JobRun run) implements ReturnedToQueue {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.retry(this);
        }

        public Retry(Duration delay, String error, int attempt) {
            this(delay, error, attempt, null);
        }

        @Override
        public Duration holdsGroupFor() {
            return delay;
        }
    }

    /** A permanent failure: the message goes to the DLQ with a reason and is then acknowledged. */
    record DeadLetter(DeadLetterReason reason, String detail, int attempt, JobRun run) implements MessageOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.deadLetter(this);
        }

        public DeadLetter(DeadLetterReason reason, String detail, int attempt) {
            this(reason, detail, attempt, null);
        }

        @Override
        public void carryOut(ReceivedMessage message) {
            message.deadLetter(
                    reason, detail, attempt, run == null ? null : run.job().jobId());
        }

        /**
         * The message stays in its queue, reported failed, and returns after the backoff of a failed attempt, so a
         * DLQ that keeps refusing does not turn into a hot loop. History records a failed attempt (releasing the
         * claim), since the job is not in the DLQ.
         */
        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            Duration delay = backoff.ceiling(Math.max(1, attempt));
            try {
                message.returnAfter(delay);
            } catch (RuntimeException ignored) {
                // The queue's visibility timeout applies instead.
            }
            return new Retry(delay, "dead-lettering failed: " + failure.getMessage(), attempt, run);
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return false;
        }

        /**
         * An attempt that ended after the response is not in the DLQ (the response reported the message failed),
         * so its claim is released as a failed attempt's, at once; a refusal before any claim stands as it is.
         */
        @Override
        public MessageOutcome settledLate() {
            if (claimed(run)) {
                return new Retry(
                        Duration.ZERO, "the invocation answered before the job finished: " + detail, attempt, run);
            }
            return this;
        }
    }

    /** Not started because the invocation would time out first; returned at once, no attempt spent. */
    record NotStarted(String why) implements ReturnedToQueue {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.notStarted(this);
        }

        @Override
        public Duration delay() {
            return Duration.ZERO;
        }
    }

    /** A FIFO message held back because an earlier message of its group failed in this batch. */
    record HeldBehindGroup(String groupId, Duration delay) implements ReturnedToQueue {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.heldBehindGroup(this);
        }
    }

    /**
     * Not run now, and no attempt spent: another delivery holds the job's claim, or a dependency of the
     * runtime (the job store, the rate limiter) was unavailable. Returned after {@code delay}.
     */
    record Postponed(Duration delay, String why) implements ReturnedToQueue {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.postponed(this);
        }
    }

    /** Another job with the same idempotency key already succeeded; acknowledged without running. */
    record DuplicateSkipped(JobRef job, String originalJobId, String result) implements MessageOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.duplicateSkipped(this);
        }

        @Override
        public void carryOut(ReceivedMessage message) {
            // Nothing to do: Lambda deletes the messages the response does not report.
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return false;
        }
    }

    /** The job was cancelled before it started: acknowledged without running; its history already says cancelled. */
    record Cancelled(JobRef job) implements MessageOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.cancelled(this);
        }

        @Override
        public void carryOut(ReceivedMessage message) {
            // Nothing to do: Lambda deletes the messages the response does not report.
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return false;
        }
    }

    /**
     * Held back until {@code runAt} by a rate limit, a not-before time, or the handler's {@link io.sluice.job.JobDeferral}
     * (then {@code run} holds the claim the attempt took, which is released without counting), without spending an attempt. On a
     * standard queue the message is re-sent with a delay (at most SQS's 15 minutes, re-deferred beyond that)
     * and acknowledged; on a FIFO queue, where re-sending would break the order, its visibility is delayed.
     */
    record Deferred(
            JobRef job,
            Instant runAt,
            Duration delay,
            String why,
            boolean isNew,
            JobRun run,
            DeferralBudget.Tally tally)
            implements MessageOutcome {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.deferred(this);
        }

        /** A new deferral before the job ran, recorded in history and metrics. */
        public Deferred(JobRef job, Instant runAt, Duration delay, String why) {
            this(job, runAt, delay, why, true, null, null);
        }

        /** A deferral before the job ran; a copy coming back early ({@code isNew} false) is deferred again silently. */
        public Deferred(JobRef job, Instant runAt, Duration delay, String why, boolean isNew) {
            this(job, runAt, delay, why, isNew, null, null);
        }

        /** A deferral without a tally (not the handler's). */
        public Deferred(JobRef job, Instant runAt, Duration delay, String why, boolean isNew, JobRun run) {
            this(job, runAt, delay, why, isNew, run, null);
        }

        @Override
        public void carryOut(ReceivedMessage message) {
            if (message.isFifo()) {
                // Re-sending would put the job behind later messages of its group; wait in place instead.
                message.returnAfter(RetryPolicy.capped(delay));
            } else {
                message.resend(delay, runAt, tally == null ? java.util.Map.of() : tally.attributes());
            }
        }

        /** The copy was not sent: keep the original, back in a moment. */
        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return new Postponed(Duration.ofSeconds(1), "deferral failed: " + failure.getMessage());
        }

        /** On a FIFO queue the message itself waits, so it is reported; on a standard queue its copy carries the job. */
        @Override
        public boolean reportAsFailure(boolean fifo) {
            return fifo;
        }
    }

    /**
     * One method per outcome, for what acts on each in its own way; see {@link #accept}.
     *
     * @param <R> what a case gives back ({@link Void} for a side effect)
     */
    interface Cases<R> {
        R succeeded(Succeeded outcome);

        R retry(Retry outcome);

        R deadLetter(DeadLetter outcome);

        R notStarted(NotStarted outcome);

        R heldBehindGroup(HeldBehindGroup outcome);

        R postponed(Postponed outcome);

        R duplicateSkipped(DuplicateSkipped outcome);

        R cancelled(Cancelled outcome);

        R deferred(Deferred outcome);
    }

    /** Whether the outcome came from an attempt that ran under a claim of the job store. */
    private static boolean claimed(JobRun run) {
        return run != null && run.claim() != null;
    }
}
