package io.sluice.infra.access;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What a producer needs to enqueue jobs: the managed policy {@code <app>-producer}, to attach to the producing
 * services' roles in this account, and, for producers named by account id or role ARN, a statement in every job
 * queue's policy (a producer in another account needs both: this queue policy, and an identity policy in its own
 * account that allows the same send).
 *
 * <p>The managed policy allows {@code sqs:SendMessage}, {@code sqs:GetQueueUrl} and {@code sqs:GetQueueAttributes} on
 * the job queues (not the dead-letter queues); create, read, update and delete of schedules in the app's schedule
 * group (one-time {@code at()} schedules for long delays); {@code scheduler:ListSchedules}, which IAM cannot scope to a
 * group; and {@code iam:PassRole} of the producer scheduler role, to Scheduler only.
 */
public final class ProducerAccess extends Construct {
    /** What a producer may do with a job queue. */
    public static final List<String> QUEUE_ACTIONS =
            List.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes");
    /** What a producer may do with the schedules of the app's group. */
    public static final List<String> SCHEDULE_ACTIONS = List.of(
            "scheduler:CreateSchedule",
            "scheduler:DeleteSchedule",
            "scheduler:GetSchedule",
            "scheduler:UpdateSchedule");

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private final ManagedPolicy policy;

    /** @throws IllegalArgumentException naming the value when a principal is neither an account id nor a role ARN */
    public ProducerAccess(Construct scope, String id, ProducerAccessProps props) {
        super(scope, id);
        String app = props.app();
        List<IQueue> queues = props.queues();
        List<String> catalogueSchedules = props.catalogueSchedules();
        List<String> queueArns = queues.stream().map(IQueue::getQueueArn).toList();
        List<PolicyStatement> statements = new ArrayList<>(List.of(
                PolicyStatement.Builder.create()
                        .sid("SendJobs")
                        .actions(QUEUE_ACTIONS)
                        .resources(queueArns)
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("ManageRunTimeSchedules")
                        .actions(SCHEDULE_ACTIONS)
                        .resources(List.of(scheduleArnsOfGroup(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID, app)))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("ListSchedules")
                        .actions(List.of("scheduler:ListSchedules"))
                        .resources(List.of("*"))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("PassSchedulerRole")
                        .actions(List.of("iam:PassRole"))
                        .resources(List.of(props.schedules().producerRole().getRoleArn()))
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                        .build()));
        if (props.jobsTable() != null) {
            // SluiceClient.cancel: one conditional UpdateItem that marks a job item cancelled; job items only.
            statements.add(PolicyStatement.Builder.create()
                    .sid("CancelJobs")
                    .actions(List.of("dynamodb:UpdateItem"))
                    .resources(List.of(props.jobsTable().getTableArn()))
                    .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("JOB#*"))))
                    .build());
        }
        if (!catalogueSchedules.isEmpty()) {
            // The stack's own schedules live in the same group; an explicit deny keeps producers' changes off them.
            statements.add(PolicyStatement.Builder.create()
                    .sid("KeepCatalogueSchedules")
                    .effect(Effect.DENY)
                    .actions(
                            List.of("scheduler:CreateSchedule", "scheduler:DeleteSchedule", "scheduler:UpdateSchedule"))
                    .resources(catalogueSchedules.stream()
                            .map(name -> "arn:" + Aws.PARTITION + ":scheduler:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                    + ":schedule/" + app + "/" + name)
                            .toList())
                    .build());
        }
        policy = ManagedPolicy.Builder.create(this, "Policy")
                .managedPolicyName(app + "-producer")
                .description("Enqueue Sluice " + app
                        + " jobs: send to its job queues, manage one-time schedules in group " + app)
                .statements(statements)
                .build();
        NagSuppressions.addResourceSuppressions(
                policy,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "Producers create one-time schedules whose names are chosen at run time (one per delayed job), so"
                                                + " the schedule ARN ends in a wildcard; it is limited to the app's own schedule group")
                                .appliesTo(List.of("Resource::"
                                        + scheduleArnsOfGroup(
                                                "<AWS::Partition>", "<AWS::Region>", "<AWS::AccountId>", app)))
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason(
                                        "scheduler:ListSchedules supports no resource-level permission (Service Authorization Reference,"
                                                + " Amazon EventBridge Scheduler); it is alone in its statement and only lists schedules")
                                .appliesTo(List.of("Resource::*"))
                                .build()));
        List<IPrincipal> allowed = new ArrayList<>();
        for (String p : props.principals()) {
            allowed.add(principal(p));
        }
        if (!allowed.isEmpty()) {
            for (IQueue queue : queues) {
                queue.addToResourcePolicy(PolicyStatement.Builder.create()
                        .sid("SluiceProducers")
                        .principals(allowed)
                        .actions(QUEUE_ACTIONS)
                        .resources(List.of(queue.getQueueArn()))
                        .build());
            }
        }
    }

    public ManagedPolicy policy() {
        return policy;
    }

    /** An account id or a role ARN as an IAM principal. */
    static IPrincipal principal(String value) {
        String v = value == null ? "" : value.trim();
        if (ACCOUNT.matcher(v).matches()) {
            return new AccountPrincipal(v);
        }
        if (ROLE_ARN.matcher(v).matches()) {
            return new ArnPrincipal(v);
        }
        throw new IllegalArgumentException(
                "producer principal '" + value + "' must be a 12-digit account id or a role ARN"
                        + " such as arn:aws:iam::123456789012:role/orders-service");
    }

    /** Every schedule of the group {@code app}; the parts are tokens in the template and cdk-nag's spelling of them in findings. */
    private static String scheduleArnsOfGroup(String partition, String region, String account, String app) {
        return "arn:" + partition + ":scheduler:" + region + ":" + account + ":schedule/" + app + "/*";
    }
}
