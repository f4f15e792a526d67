package io.sluice.infra.lambda;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The parts every Sluice Lambda function is made of, the same for a job type's function and the Jobs API's: a log
 * group named after the function, a role that may write to it, and a Java 21 function on ARM with JSON logs at
 * {@code INFO}. Each is made in the caller's own scope under the id it has always had ({@code Logs}, {@code Role},
 * {@code Function}), so the templates' logical ids do not change.
 */
public final class FunctionBasics {
    private FunctionBasics() {}

    /** The function's log group ({@code /aws/lambda/<name>}, kept a month), as {@code Logs} in {@code scope}. */
    public static LogGroup logGroup(Construct scope, String functionName) {
        return LogGroup.Builder.create(scope, "Logs")
                .logGroupName("/aws/lambda/" + functionName)
                .retention(RetentionDays.ONE_MONTH)
                // Job history lives in DynamoDB; logs are diagnostics and, named after the function, would block
                // a later stack with the same app name if they outlived this one.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    /** A role Lambda assumes, as {@code Role} in {@code scope}, that may write to {@code logs} and nothing else yet. */
    public static Role role(Construct scope, String description, LogGroup logs) {
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        logs.grantWrite(role);
        return role;
    }

    /**
     * A function, as {@code Function} in {@code scope}, with the settings every Sluice function shares; the caller
     * adds its description, handler, code, memory, timeout and environment.
     */
    public static Function.Builder function(Construct scope, String functionName, Role role, LogGroup logs) {
        return Function.Builder.create(scope, "Function")
                .functionName(functionName)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.INFO);
    }
}
