package io.sluice.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sluice.runtime.metrics.BatchMetrics;
import java.util.function.LongSupplier;

/**
 * One message's final outcome, as the {@link OutcomeListener}s are told it once its SQS side effect is done.
 *
 * @param message the SQS message
 * @param outcome what stands after its side effect (a refused dead-lettering is a {@link MessageOutcome.Retry})
 * @param batch the batch's metrics, or {@code null} when the function records none
 * @param millisLeft how long the invocation still has before it must answer: how long a listener may retry a write
 * @param late whether the outcome was reached after the invocation answered: SQS's redelivery decides the message, so only
 *     the listeners that ask for such outcomes ({@link OutcomeListener#hearsLateOutcomes()}: history, which settles
 *     the claim with {@link MessageOutcome#settledLate()}) are told it
 */
public record SettledOutcome(
        SQSMessage message, MessageOutcome outcome, BatchMetrics batch, LongSupplier millisLeft, boolean late) {}
