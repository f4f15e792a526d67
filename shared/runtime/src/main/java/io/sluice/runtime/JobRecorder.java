package io.sluice.runtime;

import io.sluice.store.JobStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an outcome to job history once its SQS side effect is done, so history never claims a job was
 * dead-lettered while the DLQ refused it. A failed history write is logged and never changes the
 * message's fate: a job that succeeded is acknowledged even if its record could not be completed (its
 * claim then lapses at its in-progress expiry; a redelivery would find it done in the queue's eyes),
 * because running a job twice is worse than a stale history line.
 */
final class JobRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecorder.class);

    private final JobStore store;
    private final Clock clock;

    JobRecorder(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void record(MessageOutcome outcome) {
        try {
            write(outcome);
        } catch (RuntimeException e) {
            LOG.error("job history not updated for outcome {}", outcome.getClass().getSimpleName(), e);
        }
    }

    private void write(MessageOutcome outcome) {
        Instant now = clock.instant();
        JobRun run = outcome.run();
        if (outcome instanceof MessageOutcome.Succeeded ok && run != null && run.claim() != null) {
            store.succeeded(run.claim(), run.startedAt(), run.endedAt(), ok.summary());
        } else if (outcome instanceof MessageOutcome.Retry retry && run != null && run.claim() != null) {
            store.failed(run.claim(), run.startedAt(), run.endedAt(), retry.error(), now.plus(retry.delay()));
        } else if (outcome instanceof MessageOutcome.DeadLetter dead && run != null && run.job() != null) {
            store.deadLettered(run.job(), run.claim(), run.startedAt(), now, dead.reason().wireName(), dead.detail());
        } else if (outcome instanceof MessageOutcome.DuplicateSkipped duplicate) {
            store.duplicateSkipped(duplicate.job(), now, duplicate.originalJobId());
        } else if (outcome instanceof MessageOutcome.Deferred deferred && run != null && run.claim() != null) {
            store.deferredAfterRun(run.claim(), run.startedAt(), run.endedAt(), deferred.why(), deferred.runAt());
        } else if (outcome instanceof MessageOutcome.Deferred deferred && deferred.isNew()) {
            store.deferred(deferred.job(), now, deferred.runAt());
        }
    }
}
