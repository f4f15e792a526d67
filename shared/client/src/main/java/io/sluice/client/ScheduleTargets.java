package io.sluice.client;

import io.sluice.catalogue.JobDefinition;
import io.sluice.job.Priority;
import io.sluice.topology.Topology;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * The EventBridge Scheduler target of a schedule that sends a job: the queue of the job's type and priority, the
 * envelope as input, the FIFO group, the retry policy, the schedule dead-letter queue, and the role Scheduler
 * assumes to send. One-time and recurring schedules deliver the same way, so both build their target here.
 */
final class ScheduleTargets {
    private final Topology topology;
    private final QueueDirectory queues;
    private final String roleArn;
    private final String deadLetterArn;

    /**
     * @param roleArn the role Scheduler assumes; may be missing, since a producer that only sends jobs due soon needs none
     * @param deadLetterArn where undeliverable firings go; {@code null} for none
     */
    ScheduleTargets(Topology topology, QueueDirectory queues, String roleArn, String deadLetterArn) {
        this.topology = topology;
        this.queues = queues;
        this.roleArn = roleArn;
        this.deadLetterArn = deadLetterArn;
    }

    /**
     * The target sending {@code input} to the queue of {@code definition} at {@code priority}, with the role.
     *
     * @throws IllegalStateException when the queue does not exist or no role was configured
     */
    Target target(JobDefinition definition, Priority priority, String input, String fifoGroup) {
        Target.Builder target = Target.builder()
                .arn(queues.arn(topology.job(definition.type()).queue(priority).name()))
                .input(input)
                .retryPolicy(p -> p.maximumEventAgeInSeconds(86_400).maximumRetryAttempts(185));
        if (definition.fifo()) {
            target.sqsParameters(p -> p.messageGroupId(fifoGroup));
        }
        if (deadLetterArn != null) {
            // A firing Scheduler could not deliver (queue gone, role changed) lands there instead of vanishing.
            target.deadLetterConfig(d -> d.arn(deadLetterArn));
        }
        return target.roleArn(roleArn()).build();
    }

    private String roleArn() {
        if (roleArn == null || roleArn.isBlank()) {
            throw new IllegalStateException(
                    "no scheduler role: jobs due in more than " + JobEnqueuer.MAX_SQS_DELAY_MINUTES + " minutes"
                            + " and recurring schedules need the role Scheduler assumes to send to the queues (the stack's ProducerSchedulerRoleArn"
                            + " output); set it with SluiceClient.builder().schedulerRoleArn(...) or SLUICE_SCHEDULER_ROLE_ARN");
        }
        return roleArn;
    }
}
