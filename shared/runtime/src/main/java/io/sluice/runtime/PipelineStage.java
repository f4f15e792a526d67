package io.sluice.runtime;

import java.util.Optional;

/**
 * One step of a job type's {@link JobPipeline}: it either ends the message with a {@link MessageOutcome} or lets it go
 * on to the next stage, leaving what it learnt on the {@link Delivery}. A stage decides; it performs no SQS side
 * effect and writes no history (the outcome says what to do, and the batch processor and the outcome listeners do
 * it), so each rule is testable on its own. A new per-message rule (a batch's callback, a tenant's lease) is one more
 * stage in the pipeline's list.
 */
interface PipelineStage<P> {
    /** Ends the message with an outcome, or returns empty to let the next stage have it. */
    Optional<MessageOutcome> apply(Delivery<P> delivery);
}
