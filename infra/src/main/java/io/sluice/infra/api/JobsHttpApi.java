package io.sluice.infra.api;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import io.sluice.infra.lambda.FunctionBasics;
import io.sluice.topology.SluiceEnvironment;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The Jobs HTTP API on AWS: an API Gateway HTTP API ({@code <app>-jobs}) whose every route requires IAM authorisation
 * (SigV4-signed requests, allowed by {@code execute-api:Invoke} in the caller's policies), all integrated with one
 * Lambda ({@code <app>-jobs-api}, handler {@value #HANDLER}) that runs the same router as sluice-local's API. The
 * {@code $default} stage throttles the whole API ({@link JobsHttpApiProps#rateLimit()},
 * {@link JobsHttpApiProps#burstLimit()}) and writes JSON access logs; request bodies above 256 KiB are refused by
 * the router with 413 (HTTP APIs' own limit is 10 MB and cannot be lowered). {@link OperatorAccess} holds the
 * producer, viewer and operator policies; the function's role has the operator's direct permissions, without
 * invoking the API.
 */
public final class JobsHttpApi extends Construct {
    public static final String HANDLER = "io.sluice.ops.http.ApiGatewayHandler::handleRequest";

    private final HttpApi api;
    private final Function function;
    private final OperatorAccess access;

    public JobsHttpApi(Construct scope, String id, JobsHttpApiProps props) {
        super(scope, id);
        String app = props.app();
        String functionName = app + "-jobs-api";
        LogGroup logs = FunctionBasics.logGroup(this, functionName);
        Role role = FunctionBasics.role(
                this, "Runs the Sluice " + app + " Jobs API: the operator's permissions, nothing more", logs);
        api = HttpApi.Builder.create(this, "Api")
                .apiName(app + "-jobs")
                .description("Sluice " + app + " Jobs API (IAM authorisation on every route)")
                .createDefaultStage(false)
                .build();
        OperatorAccessProps accessProps = new OperatorAccessProps(
                app, props.queues(), props.jobsTable(), props.schedules(), props.scheduleRoles(), api);
        OperatorAccess.functionStatements(accessProps).forEach(role::addToPrincipalPolicy);
        function = FunctionBasics.function(this, functionName, role, logs)
                .description("Sluice " + app + " Jobs HTTP API")
                .handler(HANDLER)
                .code(props.code())
                .memorySize(1024)
                // API Gateway gives an integration at most 30 s.
                .timeout(Duration.seconds(29))
                .environment(Map.of(
                        SluiceEnvironment.APP, app,
                        SluiceEnvironment.SCHEDULER_ROLE_ARN,
                                props.schedules().producerRole().getRoleArn(),
                        SluiceEnvironment.SCHEDULE_DLQ_ARN,
                                props.schedules().runTimeDeadLetterQueue().getQueueArn()))
                .build();
        HttpLambdaIntegration integration = new HttpLambdaIntegration("Router", function);
        HttpIamAuthorizer iam = new HttpIamAuthorizer();
        for (JobsApiRoute route : JobsApiRoute.ALL) {
            api.addRoutes(AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integration)
                    .authorizer(iam)
                    .build());
        }
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        HttpStage stage = api.addStage(
                "DefaultStage",
                HttpStageOptions.builder()
                        .stageName("$default")
                        .autoDeploy(true)
                        .throttle(ThrottleSettings.builder()
                                .rateLimit(props.rateLimit())
                                .burstLimit(props.burstLimit())
                                .build())
                        .build());
        ((CfnStage) stage.getNode().getDefaultChild())
                .setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                        .destinationArn(accessLogs.getLogGroupArn())
                        .format("{\"requestId\":\"$context.requestId\",\"caller\":\"$context.identity.caller\","
                                + "\"user\":\"$context.identity.userArn\",\"routeKey\":\"$context.routeKey\","
                                + "\"status\":\"$context.status\",\"latency\":\"$context.responseLatency\","
                                + "\"error\":\"$context.error.message\",\"integrationError\":"
                                + "\"$context.integrationErrorMessage\"}")
                        .build());
        access = new OperatorAccess(this, "Access", accessProps);

        String wildcards = "Sluice's queues, table indexes and schedules are named at deploy time and by the app's"
                + " prefix; each wildcard is limited to the app's own schedule group, table indexes or functions, and"
                + " Lambda's ListEventSourceMappings/GetEventSourceMapping and Scheduler's ListSchedules take no"
                + " resource-level permission (Service Authorization Reference)";
        List<Object> appliesTo =
                List.of(RegexAppliesTo.builder().regex("/^Resource::.*\\*.*$/g").build());
        for (Construct c : List.<Construct>of(role, access)) {
            NagSuppressions.addResourceSuppressions(
                    c,
                    List.of(NagPackSuppression.builder()
                            .id("AwsSolutions-IAM5")
                            .reason(wildcards)
                            .appliesTo(appliesTo)
                            .build()),
                    true);
        }

        CfnOutput.Builder.create(this, "Url")
                .value(api.getApiEndpoint())
                .description("Jobs HTTP API endpoint (IAM auth: sign with SigV4, service execute-api)")
                .build();
        CfnOutput.Builder.create(this, "ApiProducerPolicyArn")
                .value(access.producerPolicy().getManagedPolicyArn())
                .description("Attach to let a role enqueue and read jobs through the Jobs API")
                .build();
        CfnOutput.Builder.create(this, "ViewerPolicyArn")
                .value(access.viewerPolicy().getManagedPolicyArn())
                .description("Attach to let a person or role read status, dead letters and jobs (API, CLI, console)")
                .build();
        CfnOutput.Builder.create(this, "OperatorPolicyArn")
                .value(access.operatorPolicy().getManagedPolicyArn())
                .description("Attach to let a person or role redrive, discard, pause, resume and cancel")
                .build();
    }

    public HttpApi api() {
        return api;
    }

    public Function function() {
        return function;
    }

    public OperatorAccess access() {
        return access;
    }
}
