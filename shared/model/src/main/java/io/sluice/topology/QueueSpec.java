package io.sluice.topology;

import io.sluice.job.Priority;
import java.time.Duration;

/**
 * One job queue and its redrive dead-letter queue, as both sluice-local and the CDK app create them.
 *
 * @param visibilityTimeout at least six times the function timeout plus the batching window, as
 *     <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html">AWS recommends</a>
 *     for SQS event sources, so a message is never redelivered while an invocation still holds it
 * @param maxReceiveCount the redrive policy's receive count: the type's max attempts plus
 *     {@link Topology#RECEIVE_HEADROOM}, so receives that are not attempts (Lambda throttling, postponed
 *     duplicates, FIFO deferrals) cannot dead-letter a live job; the runtime dead-letters at max attempts itself
 */
public record QueueSpec(
        Priority priority,
        String name,
        String deadLetterName,
        boolean fifo,
        Duration visibilityTimeout,
        int maxReceiveCount,
        Duration deadLetterRetention,
        EventSourceMappingSpec eventSourceMapping) {}
