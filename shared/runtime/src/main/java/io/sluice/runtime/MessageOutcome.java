package io.sluice.runtime;

import io.sluice.catalogue.RetryPolicy;
import io.sluice.envelope.DeadLetterReason;
import io.sluice.metrics.BatchMetrics;
import io.sluice.store.JobStore;
import io.sluice.store.JobStore.JobRef;
import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one message of a batch, decided by the pipeline and then acted on by the batch processor:
 * first its SQS side effect ({@link #carryOut}), then its job history ({@link #writeHistory}), its metrics
 * ({@link #count}) and whether the partial batch response reports it ({@link #reportAsFailure}). Each record
 * says in one place what acting on it means; a new outcome must implement every abstract method, so the
 * compiler lists everything it has to decide. {@link #run()} carries what recording needs.
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
    MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure);

    /** Writes this outcome to job history; called once its SQS side effect is done. */
    void writeHistory(JobStore history, Instant now);

    /**
     * Counts this outcome in its batch's metrics. Durations and queue latency, which every outcome with a
     * {@link #run()} shares, are counted by the batch processor.
     */
    void count(BatchMetrics batch);

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

    /** The job ran and succeeded; the message is acknowledged. */
    record Succeeded(String summary, JobRun run) implements MessageOutcome {
        public Succeeded(String summary) {
            this(summary, null);
        }

        @Override
        public void carryOut(ReceivedMessage message) {
            // Nothing to do: Lambda deletes the messages the response does not report.
        }

        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            if (claimed(run)) {
                history.succeeded(run.claim(), run.startedAt(), run.endedAt(), summary);
            }
        }

        @Override
        public void count(BatchMetrics batch) {
            batch.succeeded();
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return false;
        }
    }

    /** A retryable failure: the message returns after {@code delay}; {@code attempt} was spent. */
    record Retry(Duration delay, String error, int attempt, JobRun run) implements MessageOutcome {
        public Retry(Duration delay, String error, int attempt) {
            this(delay, error, attempt, null);
        }

        /** Moves the message's visibility to the backoff delay, so the redelivery waits for it, not for the queue's timeout. */
        @Override
        public void carryOut(ReceivedMessage message) {
            message.returnAfter(delay);
        }

        /** The queue's visibility timeout applies instead of the backoff delay. */
        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            if (claimed(run)) {
                history.failed(run.claim(), run.startedAt(), run.endedAt(), error, now.plus(delay));
            }
        }

        @Override
        public void count(BatchMetrics batch) {
            batch.failedAttempt();
            batch.retried();
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return true;
        }

        @Override
        public Duration holdsGroupFor() {
            return delay;
        }
    }

    /** A permanent failure: the message goes to the DLQ with a reason and is then acknowledged. */
    record DeadLetter(DeadLetterReason reason, String detail, int attempt, JobRun run) implements MessageOutcome {
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
        public void writeHistory(JobStore history, Instant now) {
            if (run != null && run.job() != null) {
                history.deadLettered(run.job(), run.claim(), run.startedAt(), now, reason.wireName(), detail);
            }
        }

        @Override
        public void count(BatchMetrics batch) {
            batch.deadLettered(reason);
            if (reason.afterAnAttempt()) {
                batch.failedAttempt();
            }
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
    record NotStarted(String why) implements MessageOutcome {
        @Override
        public void carryOut(ReceivedMessage message) {
            message.returnAfter(Duration.ZERO);
        }

        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            // Nothing happened to the job.
        }

        @Override
        public void count(BatchMetrics batch) {
            // Not an attempt: nothing to count.
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return true;
        }
    }

    /** A FIFO message held back because an earlier message of its group failed in this batch. */
    record HeldBehindGroup(String groupId, Duration delay) implements MessageOutcome {
        @Override
        public void carryOut(ReceivedMessage message) {
            message.returnAfter(delay);
        }

        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            // The job did not run.
        }

        @Override
        public void count(BatchMetrics batch) {
            // Not an attempt: nothing to count.
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return true;
        }
    }

    /**
     * Not run now, and no attempt spent: another delivery holds the job's claim, or a dependency of the
     * runtime (the job store, the rate limiter) was unavailable. Returned after {@code delay}.
     */
    record Postponed(Duration delay, String why) implements MessageOutcome {
        @Override
        public void carryOut(ReceivedMessage message) {
            message.returnAfter(delay);
        }

        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            // The job did not run; the delivery that holds the claim records its own attempt.
        }

        @Override
        public void count(BatchMetrics batch) {
            // Not an attempt: nothing to count.
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return true;
        }
    }

    /** Another job with the same idempotency key already succeeded; acknowledged without running. */
    record DuplicateSkipped(JobRef job, String originalJobId, String result) implements MessageOutcome {
        @Override
        public void carryOut(ReceivedMessage message) {
            // Nothing to do: Lambda deletes the messages the response does not report.
        }

        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            history.duplicateSkipped(job, now, originalJobId);
        }

        @Override
        public void count(BatchMetrics batch) {
            batch.duplicateSkipped();
        }

        @Override
        public boolean reportAsFailure(boolean fifo) {
            return false;
        }
    }

    /** The job was cancelled before it started: acknowledged without running; its history already says cancelled. */
    record Cancelled(JobRef job) implements MessageOutcome {
        @Override
        public void carryOut(ReceivedMessage message) {
            // Nothing to do: Lambda deletes the messages the response does not report.
        }

        @Override
        public MessageOutcome ifNotCarriedOut(ReceivedMessage message, RetryPolicy backoff, RuntimeException failure) {
            return this;
        }

        @Override
        public void writeHistory(JobStore history, Instant now) {
            // The cancellation record is the history: state cancelled, when, and by whom.
        }

        @Override
        public void count(BatchMetrics batch) {
            // Not a run and not a failure; the cancellation was an operator's or a producer's decision.
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

        @Override
        public void writeHistory(JobStore history, Instant now) {
            if (claimed(run)) {
                history.deferredAfterRun(run.claim(), run.startedAt(), run.endedAt(), why, runAt);
            } else if (isNew) {
                history.deferred(job, now, runAt);
            }
        }

        @Override
        public void count(BatchMetrics batch) {
            if (isNew) {
                batch.deferred();
            }
        }

        /** On a FIFO queue the message itself waits, so it is reported; on a standard queue its copy carries the job. */
        @Override
        public boolean reportAsFailure(boolean fifo) {
            return fifo;
        }
    }

    /** Whether the outcome came from an attempt that ran under a claim of the job store. */
    private static boolean claimed(JobRun run) {
        return run != null && run.claim() != null;
    }
}
