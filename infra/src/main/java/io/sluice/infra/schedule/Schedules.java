package io.sluice.infra.schedule;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.catalogue.ScheduledEnvelope;
import io.sluice.infra.jobs.JobQueues;
import io.sluice.topology.JobTopology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleGroup;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.TimeWindow;
import software.amazon.awscdk.services.scheduler.targets.SqsSendMessage;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * EventBridge Scheduler for one app: the schedule group {@code <app>}, one schedule per job type whose catalogue
 * entry declares a {@link ScheduleSpec} (cron or rate), and the role the producer client passes to Scheduler when it
 * creates a one-time {@code at()} schedule for a long delay.
 *
 * <p>A catalogue schedule is named {@link ScheduledEnvelope#catalogueScheduleName}, sends
 * {@link ScheduledEnvelope#forCatalogue} (whose job id contains Scheduler's scheduled time, so every delivery of a
 * firing is one job) to the type's {@link JobDefinition#defaultPriority()} queue, in the declared time zone, with
 * no flexible window. A firing Scheduler cannot deliver is retried for up to {@link #MAX_EVENT_AGE} and
 * {@link #RETRY_ATTEMPTS} times (Scheduler's default would keep a stale cron firing for a day), then lands in the
 * schedule's own dead-letter queue {@code <app>-<type>-schedule-dlq}. Its role can send to that queue and DLQ only,
 * and only schedules of this group can assume it. FIFO queues get the schedule name as message group, so firings
 * stay in order.
 *
 * <p>Run-time schedules (created by producers) use the producer scheduler role, which can send to every job queue
 * of the app and to {@code <app>-schedules-dlq}, the dead-letter queue they should name; a message there raises the
 * alarm {@code <app>-schedule-dead-letters}. A catalogue schedule's DLQ counts in its type's dead-letter alarm.
 */
public final class Schedules extends Construct {
    /** How long Scheduler keeps trying to deliver one firing. */
    public static final Duration MAX_EVENT_AGE = Duration.hours(1);
    /** How many times Scheduler retries one firing within {@link #MAX_EVENT_AGE}. */
    public static final int RETRY_ATTEMPTS = 20;
    /** Scheduler's dead-letter queues keep what they get as long as SQS allows. */
    static final Duration DEAD_LETTER_RETENTION = Duration.days(14);

    /** A job type's catalogue schedule, the role it sends with, and the dead-letter queue of its undeliverable firings. */
    public record CatalogueSchedule(Schedule schedule, Role role, Queue deadLetterQueue) {}

    private final String app;
    private final ScheduleGroup group;
    private final Role producerRole;
    private final Queue runTimeDeadLetterQueue;
    private final Alarm runTimeDeadLetterAlarm;

    public Schedules(Construct scope, String id, SchedulesProps props) {
        super(scope, id);
        app = props.app();
        group = ScheduleGroup.Builder.create(this, "Group")
                .scheduleGroupName(app)
                .removalPolicy(props.retain() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        runTimeDeadLetterQueue = deadLetterQueue(this, "RunTimeDeadLetters", app + "-schedules-dlq");
        producerRole = Role.Builder.create(this, "ProducerRole")
                .assumedBy(schedulerOfThisGroup())
                .description("Passed by producers to EventBridge Scheduler for one-time schedules in group " + app
                        + ": sends to the app's job queues")
                .build();
        runTimeDeadLetterQueue.grantSendMessages(producerRole);
        runTimeDeadLetterAlarm = Alarm.Builder.create(this, "RunTimeDeadLettersAlarm")
                .alarmName(app + "-schedule-dead-letters")
                .alarmDescription("A one-time schedule could not deliver its job to its queue: the job is in " + app
                        + "-schedules-dlq")
                .metric(runTimeDeadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(5))
                        .build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        runTimeDeadLetterAlarm.addAlarmAction(new SnsAction(props.alarmTopic()));
        runTimeDeadLetterAlarm.addOkAction(new SnsAction(props.alarmTopic()));
    }

    /**
     * Lets run-time schedules send to the type's queues and, if its catalogue entry has a schedule, creates it.
     *
     * @return the schedule (its dead-letter queue counts in the type's dead-letter alarm); empty when the type has none
     */
    public Optional<CatalogueSchedule> addJob(JobTopology job, JobQueues queues) {
        for (IQueue queue : queues.jobQueues()) {
            queue.grantSendMessages(producerRole);
        }
        JobDefinition definition = job.definition();
        if (!definition.schedule().isScheduled()) {
            return Optional.empty();
        }
        ScheduleSpec spec = definition.schedule();
        String name = ScheduledEnvelope.catalogueScheduleName(app, definition);
        Construct scope = new Construct(this, job.type());
        JobQueues.PriorityQueue targetQueues = queues.of(definition.defaultPriority());
        Queue target = targetQueues.queue();
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(schedulerOfThisGroup())
                .description("Lets schedule " + name + " send to "
                        + targetQueues.spec().name() + " and its schedule DLQ")
                .build();
        Queue deadLetters = deadLetterQueue(scope, "DeadLetters", app + "-" + job.type() + "-schedule-dlq");
        Schedule schedule = Schedule.Builder.create(scope, "Schedule")
                .scheduleName(name)
                .scheduleGroup(group)
                .description("Fires " + job.type() + " jobs: " + spec.expression() + " in " + spec.timezone())
                .schedule(ScheduleExpression.expression(spec.expression(), TimeZone.of(spec.timezone())))
                .timeWindow(TimeWindow.off())
                .target(SqsSendMessage.Builder.create(target)
                        .role(role)
                        .input(ScheduleTargetInput.fromText(ScheduledEnvelope.forCatalogue(app, definition)))
                        .messageGroupId(definition.fifo() ? name : null)
                        .deadLetterQueue(deadLetters)
                        .maxEventAge(MAX_EVENT_AGE)
                        .retryAttempts(RETRY_ATTEMPTS)
                        .build())
                .build();
        return Optional.of(new CatalogueSchedule(schedule, role, deadLetters));
    }

    public ScheduleGroup group() {
        return group;
    }

    /** The role producers pass to Scheduler for one-time schedules. */
    public Role producerRole() {
        return producerRole;
    }

    /** The dead-letter queue run-time schedules should name. */
    public Queue runTimeDeadLetterQueue() {
        return runTimeDeadLetterQueue;
    }

    /** The alarm on the run-time schedules' dead-letter queue. */
    public Alarm runTimeDeadLetterAlarm() {
        return runTimeDeadLetterAlarm;
    }

    /** Scheduler, on behalf of a schedule of this app's group in this account only (confused-deputy protection). */
    private IPrincipal schedulerOfThisGroup() {
        return ServicePrincipal.Builder.create("scheduler.amazonaws.com")
                .conditions(Map.of(
                        "StringEquals",
                        Map.of("aws:SourceAccount", Aws.ACCOUNT_ID, "aws:SourceArn", group.getScheduleGroupArn())))
                .build();
    }

    /** Scheduler's dead-letter queues must be standard queues, whatever the target. */
    private static Queue deadLetterQueue(Construct scope, String id, String name) {
        Queue queue = Queue.Builder.create(scope, id)
                .queueName(name)
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        NagSuppressions.addResourceSuppressions(
                queue,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SQS3")
                        .reason(
                                "This queue is itself a dead-letter queue: EventBridge Scheduler's DeadLetterConfig names it, which"
                                        + " cdk-nag does not recognise (it only follows SQS redrive policies); a DLQ behind a DLQ would only move"
                                        + " undeliverable firings further from the operator")
                        .build()));
        return queue;
    }
}
