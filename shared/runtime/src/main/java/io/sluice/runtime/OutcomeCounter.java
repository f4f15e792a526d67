package io.sluice.runtime;

import io.sluice.runtime.metrics.BatchMetrics;
import java.time.Duration;

/**
 * Counts each outcome in its batch's metrics: its own counter, and the duration and queue latency of the attempt it
 * ran. It hears no outcome reached after the invocation answered: the redelivery SQS decides on is counted instead.
 */
final class OutcomeCounter implements OutcomeListener {
    @Override
    public void onOutcome(SettledOutcome settled) {
        BatchMetrics batch = settled.batch();
        if (batch == null) {
            return;
        }
        JobRun run = settled.outcome().run();
        if (run != null && run.startedAt() != null && run.endedAt() != null) {
            batch.duration(Duration.between(run.startedAt(), run.endedAt()));
            boolean firstAttempt = run.claim() == null || run.claim().attempt() == 1;
            if (firstAttempt && run.job().enqueuedAt() != null) {
                batch.queueLatency(Duration.between(run.job().enqueuedAt(), run.startedAt()));
            }
        }
        settled.outcome().accept(new Counts(batch));
    }

    /** Each outcome's own counters. */
    private record Counts(BatchMetrics batch) implements MessageOutcome.Cases<Void> {
        @Override
        public Void succeeded(MessageOutcome.Succeeded outcome) {
            batch.succeeded();
            return null;
        }

        @Override
        public Void retry(MessageOutcome.Retry outcome) {
            batch.failedAttempt();
            batch.retried();
            return null;
        }

        @Override
        public Void deadLetter(MessageOutcome.DeadLetter outcome) {
            batch.deadLettered(outcome.reason());
            if (outcome.reason().afterAnAttempt()) {
                batch.failedAttempt();
            }
            return null;
        }

        @Override
        public Void notStarted(MessageOutcome.NotStarted outcome) {
            return null; // not an attempt
        }

        @Override
        public Void heldBehindGroup(MessageOutcome.HeldBehindGroup outcome) {
            return null; // not an attempt
        }

        @Override
        public Void postponed(MessageOutcome.Postponed outcome) {
            return null; // not an attempt
        }

        @Override
        public Void duplicateSkipped(MessageOutcome.DuplicateSkipped outcome) {
            batch.duplicateSkipped();
            return null;
        }

        @Override
        public Void cancelled(MessageOutcome.Cancelled outcome) {
            return null; // an operator's or a producer's decision, neither a run nor a failure
        }

        @Override
        public Void deferred(MessageOutcome.Deferred outcome) {
            if (outcome.isNew()) {
                batch.deferred();
            }
            return null;
        }
    }
}
