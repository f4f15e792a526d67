/**
 * The Lambda batch runtime: the {@code SluiceHandler} entry point and {@code JobFunction} (the one composition root, for Lambda and sluice-local alike); the {@code JobPipeline}, an ordered list of {@code PipelineStage}s ending in the handler; the {@code BatchProcessor} that carries each {@code MessageOutcome} out on SQS and then tells the {@code OutcomeListener}s (history, metrics, then the root's). A per-message rule is a new stage; something done after each job is a new listener. Only the entry point, the composition root and the seams are public.
 */
package io.sluice.runtime;
