package io.sluice.runtime;

import io.sluice.store.JobStore;
import java.time.Clock;
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
            outcome.writeHistory(store, clock.instant());
        } catch (RuntimeException e) {
            LOG.error(
                    "job history not updated for outcome {}", outcome.getClass().getSimpleName(), e);
        }
    }
}
