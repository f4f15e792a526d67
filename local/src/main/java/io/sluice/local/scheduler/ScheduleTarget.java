package io.sluice.local.scheduler;

/**
 * Where and what a schedule sends: EventBridge Scheduler's {@code Target}, restricted to the templated SQS
 * {@code SendMessage} target, the one Sluice uses.
 *
 * @param arn the SQS queue's ARN; sluice-local sends to the local queue of that name
 * @param roleArn the execution role AWS would assume; stored and reported, never checked locally
 * @param input the message body before Scheduler's context attributes are replaced; {@code null} when not set
 * @param messageGroupId {@code SqsParameters.MessageGroupId}, for FIFO queues; {@code null} when not set
 * @param retryPolicy never {@code null}: {@link TargetRetryPolicy#DEFAULT} when not set
 * @param deadLetterArn {@code DeadLetterConfig.Arn}, a standard SQS queue; {@code null} when not set
 */
public record ScheduleTarget(
        String arn,
        String roleArn,
        String input,
        String messageGroupId,
        TargetRetryPolicy retryPolicy,
        String deadLetterArn) {
    public ScheduleTarget {
        retryPolicy = retryPolicy == null ? TargetRetryPolicy.DEFAULT : retryPolicy;
    }
}
