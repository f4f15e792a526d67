package io.sluice.runtime;

import io.sluice.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job-history listener: writes each outcome to job history once its SQS side effect is done (what each outcome
 * writes is {@link HistoryWrite}; one reached after the invocation answered writes what {@link
 * MessageOutcome#settledLate()} says), so history never claims a job was
 * dead-lettered while the DLQ refused it. A failed history write is retried with a doubling pause (from 200 ms)
 * while the invocation has time left: the completion of a job whose side effect is done matters most, since a
 * copy of the job (a duplicate delivery) waiting for its claim to lapse would otherwise run it again once the
 * claim lapsed; the chaos benchmark found 4 side effects run twice in 100 jobs across a 10-second store outage
 * before this retry. A write that still fails is logged and never changes the message's fate: a job that succeeded
 * is acknowledged even if its record could not be completed, because running a job twice is worse than a stale
 * history line.
 */
final class JobRecorder implements OutcomeListener {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecorder.class);

    private final JobStore store;
    private final Clock clock;

    JobRecorder(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean hearsLateOutcomes() {
        return true;
    }

    @Override
    public void onOutcome(SettledOutcome settled) {
        record(settled.late() ? settled.outcome().settledLate() : settled.outcome(), settled.millisLeft());
    }

    /** Writes the outcome, retrying while {@code millisLeft} says the invocation still has more than the next pause. */
    private void record(MessageOutcome outcome, java.util.function.LongSupplier millisLeft) {
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                outcome.accept(new HistoryWrite(store, clock.instant()));
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e) || millisLeft.getAsLong() <= pause || attempt == MAX_WRITES) {
                    LOG.error(
                            "job history not updated for outcome {} after {} writes",
                            outcome.getClass().getSimpleName(),
                            attempt,
                            e);
                    return;
                }
                LOG.warn("job history write failed ({}); retrying in {} ms", e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }

    /**
     * Whether writing again may succeed: DynamoDB unreachable, throttled, failing on its side (5xx) or a transaction
     * colliding with another. A refusal of the request itself (an item over 400 KB, a missing table, access denied)
     * would only fail again, so it is logged at once instead of holding the lane.
     */
    private static boolean isTransient(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException cancelled) {
            return cancelled.cancellationReasons().stream()
                    .anyMatch(r -> "TransactionConflict".equals(r.code()) || "ThrottlingError".equals(r.code()));
        }
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException();
        }
        return e instanceof software.amazon.awssdk.core.exception.SdkClientException;
    }

    private static final long FIRST_PAUSE_MS = 200;
    private static final long LONGEST_PAUSE_MS = 5_000;
    private static final int MAX_WRITES = 12;

    /** What each outcome writes to history, at {@code now}. */
    private record HistoryWrite(JobStore history, Instant now) implements MessageOutcome.Cases<Void> {
        @Override
        public Void succeeded(MessageOutcome.Succeeded o) {
            if (claimed(o.run())) {
                history.succeeded(o.run().claim(), o.run().startedAt(), o.run().endedAt(), o.summary());
            }
            return null;
        }

        @Override
        public Void retry(MessageOutcome.Retry o) {
            if (claimed(o.run())) {
                history.failed(o.run().claim(), o.run().startedAt(), o.run().endedAt(), o.error(), now.plus(o.delay()));
            }
            return null;
        }

        @Override
        public Void deadLetter(MessageOutcome.DeadLetter o) {
            JobRun run = o.run();
            if (run != null && run.job() != null) {
                history.deadLettered(
                        run.job(), run.claim(), run.startedAt(), now, o.reason().wireName(), o.detail());
            }
            return null;
        }

        @Override
        public Void notStarted(MessageOutcome.NotStarted o) {
            return null; // nothing happened to the job
        }

        @Override
        public Void heldBehindGroup(MessageOutcome.HeldBehindGroup o) {
            return null; // the job did not run
        }

        @Override
        public Void postponed(MessageOutcome.Postponed o) {
            return null; // the delivery that holds the claim records its own attempt
        }

        @Override
        public Void duplicateSkipped(MessageOutcome.DuplicateSkipped o) {
            history.duplicateSkipped(o.job(), now, o.originalJobId());
            return null;
        }

        @Override
        public Void cancelled(MessageOutcome.Cancelled o) {
            return null; // the cancellation record is the history: state cancelled, when, and by whom
        }

        @Override
        public Void deferred(MessageOutcome.Deferred o) {
            if (claimed(o.run())) {
                history.deferredAfterRun(
                        o.run().claim(), o.run().startedAt(), o.run().endedAt(), o.why(), o.runAt());
            } else if (o.isNew()) {
                history.deferred(o.job(), now, o.runAt());
            }
            return null;
        }

        private static boolean claimed(JobRun run) {
            return run != null && run.claim() != null;
        }
    }
}
