package io.sluice.infra.api;

import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The role-based access to the operator surface, as three managed policies to attach to people's and services' roles:
 * <ul>
 *   <li>{@code <app>-api-producer}: invoke {@code POST /jobs/{type}} and {@code GET /jobs/{id}} (enqueue, and read
 *       one's jobs) on the Jobs HTTP API;</li>
 *   <li>{@code <app>-viewer}: invoke every read route, and the direct reads the CLI and the console make with the
 *       person's own credentials ({@code --aws}): queue attributes, dead letters (a listing receives them with a short
 *       hold and releases them, so it needs {@code ReceiveMessage} and {@code ChangeMessageVisibility} on the
 *       dead-letter queues only), event source mappings, schedules, job history;</li>
 *   <li>{@code <app>-operator}: everything: every route, and the viewer's reads plus redrive (send to the job queues,
 *       delete from and move tasks on the dead-letter queues), discard and cancel records ({@code UpdateItem} on
 *       {@code JOB#} items), pause and resume ({@code UpdateEventSourceMapping} of the app's functions only,
 *       {@code UpdateSchedule} in the app's group with the roles its schedules pass), and run-at enqueues.</li>
 * </ul>
 * {@link #OPERATOR_ACTIONS} without {@code execute-api:Invoke} is also what the API's own function may do.
 */
public final class OperatorAccess extends Construct {
    /** What a viewer may do directly, besides invoking the read routes. */
    public static final List<String> VIEWER_ACTIONS = List.of(
            "sqs:GetQueueUrl",
            "sqs:GetQueueAttributes",
            "sqs:ReceiveMessage",
            "sqs:ChangeMessageVisibility",
            "lambda:ListEventSourceMappings",
            "lambda:GetEventSourceMapping",
            "scheduler:ListSchedules",
            "scheduler:GetSchedule",
            "dynamodb:GetItem",
            "dynamodb:Query",
            "cloudwatch:GetMetricData");
    /** What only an operator may do directly. */
    public static final List<String> OPERATOR_ACTIONS = List.of(
            "sqs:SendMessage",
            "sqs:DeleteMessage",
            "sqs:StartMessageMoveTask",
            "sqs:ListMessageMoveTasks",
            "lambda:UpdateEventSourceMapping",
            "scheduler:UpdateSchedule",
            "scheduler:CreateSchedule",
            "scheduler:DeleteSchedule",
            "dynamodb:UpdateItem",
            "iam:PassRole");

    private final ManagedPolicy producer;
    private final ManagedPolicy viewer;
    private final ManagedPolicy operator;

    public OperatorAccess(Construct scope, String id, OperatorAccessProps props) {
        super(scope, id);
        String app = props.app();
        List<PolicyStatement> reads = reads(props);
        List<PolicyStatement> writes = writes(props);

        producer = ManagedPolicy.Builder.create(this, "ApiProducer")
                .managedPolicyName(app + "-api-producer")
                .description("Sluice " + app + " Jobs API: enqueue jobs and read them")
                .statements(List.of(invoke(
                        props,
                        "InvokeProducerRoutes",
                        JobsApiRoute.ALL.stream().filter(JobsApiRoute::producer).toList())))
                .build();
        List<PolicyStatement> viewerStatements = new ArrayList<>();
        viewerStatements.add(invoke(
                props,
                "InvokeReadRoutes",
                JobsApiRoute.ALL.stream().filter(JobsApiRoute::viewer).toList()));
        viewerStatements.addAll(reads);
        viewer = ManagedPolicy.Builder.create(this, "Viewer")
                .managedPolicyName(app + "-viewer")
                .description("Sluice " + app + ": read status, dead letters, schedules and job history")
                .statements(viewerStatements)
                .build();
        List<PolicyStatement> operatorStatements = new ArrayList<>();
        operatorStatements.add(invoke(props, "InvokeEveryRoute", JobsApiRoute.ALL));
        operatorStatements.addAll(reads);
        operatorStatements.addAll(writes);
        operator = ManagedPolicy.Builder.create(this, "Operator")
                .managedPolicyName(app + "-operator")
                .description(
                        "Sluice " + app + ": everything an operator does: redrive, discard, pause, cancel, enqueue")
                .statements(operatorStatements)
                .build();
    }

    /** The statements the API's own function needs: an operator's, without invoking the API. */
    static List<PolicyStatement> functionStatements(OperatorAccessProps props) {
        List<PolicyStatement> all = new ArrayList<>(reads(props));
        all.addAll(writes(props));
        return all;
    }

    public ManagedPolicy producerPolicy() {
        return producer;
    }

    public ManagedPolicy viewerPolicy() {
        return viewer;
    }

    public ManagedPolicy operatorPolicy() {
        return operator;
    }

    private static PolicyStatement invoke(OperatorAccessProps props, String sid, List<JobsApiRoute> routes) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(List.of("execute-api:Invoke"))
                .resources(routes.stream()
                        .map(r -> props.api().arnForExecuteApi(r.method(), r.resourcePath(), "$default"))
                        .toList())
                .build();
    }

    private static List<PolicyStatement> reads(OperatorAccessProps props) {
        List<String> queues = new ArrayList<>();
        List<String> deadLetterQueues = new ArrayList<>();
        for (PriorityQueue q : props.queues()) {
            queues.add(q.queue().getQueueArn());
            queues.add(q.deadLetterQueue().getQueueArn());
            deadLetterQueues.add(q.deadLetterQueue().getQueueArn());
        }
        String table = props.jobsTable().getTableArn();
        return List.of(
                statement("ReadQueues", List.of("sqs:GetQueueUrl", "sqs:GetQueueAttributes"), queues),
                statement(
                        "ReadDeadLetters",
                        List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility"),
                        deadLetterQueues),
                // Neither supports resource-level permissions (Service Authorization Reference, AWS Lambda).
                statement(
                        "ReadEventSourceMappings",
                        List.of("lambda:ListEventSourceMappings", "lambda:GetEventSourceMapping"),
                        List.of("*")),
                statement("ListSchedules", List.of("scheduler:ListSchedules"), List.of("*")),
                // status's workers view: executions, errors, throttles, oldest message age (no resource-level
                // permission).
                statement("ReadMetrics", List.of("cloudwatch:GetMetricData"), List.of("*")),
                statement("ReadSchedules", List.of("scheduler:GetSchedule"), List.of(scheduleArns(props.app()))),
                statement(
                        "ReadHistory",
                        List.of("dynamodb:GetItem", "dynamodb:Query"),
                        List.of(table, table + "/index/*")));
    }

    private static List<PolicyStatement> writes(OperatorAccessProps props) {
        List<String> jobQueues = new ArrayList<>();
        List<String> deadLetterQueues = new ArrayList<>();
        for (PriorityQueue q : props.queues()) {
            jobQueues.add(q.queue().getQueueArn());
            deadLetterQueues.add(q.deadLetterQueue().getQueueArn());
        }
        List<String> passed = new ArrayList<>();
        passed.add(props.schedules().producerRole().getRoleArn());
        props.scheduleRoles().stream().map(IRole::getRoleArn).forEach(passed::add);
        return List.of(
                statement("RedriveAndEnqueue", List.of("sqs:SendMessage"), jobQueues),
                statement(
                        "WorkDeadLetters",
                        List.of("sqs:DeleteMessage", "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks"),
                        deadLetterQueues),
                PolicyStatement.Builder.create()
                        .sid("PauseAndResume")
                        .actions(List.of("lambda:UpdateEventSourceMapping"))
                        .resources(List.of("arn:" + Aws.PARTITION + ":lambda:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                + ":event-source-mapping:*"))
                        .conditions(Map.of(
                                "ArnLike",
                                Map.of(
                                        "lambda:FunctionArn",
                                        "arn:" + Aws.PARTITION + ":lambda:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                                + ":function:" + props.app() + "-*")))
                        .build(),
                statement(
                        "SwitchAndHoldSchedules",
                        List.of("scheduler:UpdateSchedule", "scheduler:CreateSchedule", "scheduler:DeleteSchedule"),
                        List.of(scheduleArns(props.app()))),
                PolicyStatement.Builder.create()
                        .sid("PassScheduleRoles")
                        .actions(List.of("iam:PassRole"))
                        .resources(passed)
                        .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "scheduler.amazonaws.com")))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("CancelAndDiscardRecords")
                        .actions(List.of("dynamodb:UpdateItem"))
                        .resources(List.of(props.jobsTable().getTableArn()))
                        .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("JOB#*"))))
                        .build());
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(actions)
                .resources(resources)
                .build();
    }

    /** Every schedule of the app's group. */
    static String scheduleArns(String app) {
        return "arn:" + Aws.PARTITION + ":scheduler:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":schedule/" + app + "/*";
    }
}
