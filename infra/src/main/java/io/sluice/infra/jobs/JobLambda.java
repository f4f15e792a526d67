package io.sluice.infra.jobs;

import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.infra.lambda.FunctionBasics;
import io.sluice.topology.EventSourceMappingSpec;
import io.sluice.topology.FunctionSpec;
import io.sluice.topology.JobTopology;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The Lambda function of one job type, as {@link FunctionSpec} describes it, and one SQS event source mapping per
 * priority queue (the CDK side of a job type's function; what runs inside it is the runtime's
 * {@code io.sluice.runtime.JobFunction}). The mappings invoke the {@value #ALIAS} alias of a published version,
 * because SnapStart only snapshots published versions: invoking {@code $LATEST} would start every environment cold.
 * Each mapping has partial batch responses on (the runtime reports only failed messages), the type's batch size and
 * window, and its queue's share of the reserved concurrency as {@code MaximumConcurrency}; the shares add up to at
 * most the reserved concurrency, so Lambda never throttles its own poller (a throttled receive would count towards
 * the redrive limit).
 *
 * <p>The role allows what the runtime does and nothing else: receive, delete, change visibility of and re-send to
 * (deferral) the type's own queues; send to its own dead-letter queues (permanent failures, with their reason);
 * {@code GetItem}/{@code UpdateItem} on the jobs table; {@code UpdateItem} on the rate-limit table only when the type
 * has rate limits; {@code GetSecretValue} on the secrets configured for it; and write to its own log group. Runs on arm64 (the jar is pure Java, Graviton is cheaper) with
 * JSON log format, which Lambda leaves alone for lines that are already JSON, such as Sluice's and the EMF metrics.
 */
public final class JobLambda extends Construct {
    /** The handler every Sluice function runs; {@code SLUICE_JOB_TYPE} picks the type. */
    public static final String HANDLER = io.sluice.topology.SluiceEnvironment.HANDLER;
    /** The alias the event source mappings invoke. */
    public static final String ALIAS = "live";

    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");

    private final Function function;
    private final Role role;

    /**
     * @throws IllegalArgumentException naming a secret that is neither a valid name nor a secret ARN
     */
    public JobLambda(Construct scope, String id, JobLambdaProps props) {
        super(scope, id);
        JobTopology job = props.job();
        FunctionSpec spec = job.function();
        LogGroup logGroup = FunctionBasics.logGroup(this, spec.name());
        role = FunctionBasics.role(
                this, "Runs the " + job.type() + " jobs: its own queues, the job tables, its log group", logGroup);
        function = FunctionBasics.function(this, spec.name(), role, logGroup)
                .description(describe(job))
                .handler(HANDLER)
                .code(props.code())
                .memorySize(spec.memoryMb())
                .timeout(WholeSeconds.duration(spec.timeout()))
                .reservedConcurrentExecutions(spec.reservedConcurrency())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(props.environment().variables())
                .build();
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "the event source mappings invoke the " + ALIAS + " alias of a published version");
        Alias alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .description("The SnapStart version the " + job.type() + " queues invoke")
                .build();
        for (PriorityQueue q : props.queues().all()) {
            EventSourceMappingSpec mapping = q.spec().eventSourceMapping();
            long window = WholeSeconds.of(mapping.maxBatchingWindow());
            // Grants receive, delete, change visibility, GetQueueAttributes and GetQueueUrl on this queue only.
            alias.addEventSource(SqsEventSource.Builder.create(q.queue())
                    .batchSize(mapping.batchSize())
                    .maxBatchingWindow(window > 0 ? Duration.seconds(window) : null)
                    .maxConcurrency(mapping.maximumConcurrency())
                    .reportBatchItemFailures(true)
                    .build());
            q.queue().grantSendMessages(role);
            q.deadLetterQueue().grantSendMessages(role);
        }
        allow(List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), props.tables().jobs());
        if (!job.definition().rateLimit().isUnlimited()) {
            allow(List.of("dynamodb:UpdateItem"), props.tables().rateLimits());
        }
        if (!props.access().secrets().isEmpty()) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(props.access().secrets().stream()
                            .map(s -> secretArn(job.type(), s))
                            .toList())
                    .build());
        }
        for (ExtraGrant grant : props.access().grants()) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(grant.actions())
                    .resources(grant.resources())
                    .build());
        }
    }

    /** The function itself (its metrics cover every version). */
    public Function function() {
        return function;
    }

    /** The function's role, for grants a handler needs beyond {@link FunctionAccess#grants()}. */
    public Role role() {
        return role;
    }

    /** The table itself only: {@code Table.grant} would add {@code /index/*}, and the function queries no index. */
    private void allow(List<String> actions, ITable table) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(table.getTableArn()))
                .build());
    }

    /**
     * A secret's ARN: given as is, or built from the name. Secrets Manager appends a hyphen and six random characters
     * to a secret's name in its ARN, so {@code -??????} matches exactly that secret, as AWS recommends, and not others
     * whose names merely start the same.
     */
    static String secretArn(String type, String secret) {
        String s = secret == null ? "" : secret.trim();
        if (SECRET_ARN.matcher(s).matches()) {
            return s;
        }
        if (!SECRET_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "secret '" + secret + "' of job type '" + type + "' must be a Secrets Manager secret name"
                            + " (1 to 512 of A-Z a-z 0-9 / _ + = . @ -) or a secret ARN");
        }
        return "arn:" + Aws.PARTITION + ":secretsmanager:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":secret:" + s
                + "-??????";
    }

    private static String describe(JobTopology job) {
        String description = job.definition().description();
        String text = "Sluice job type " + job.type() + (description.isBlank() ? "" : ": " + description);
        return text.length() > 256 ? text.substring(0, 253) + "..." : text;
    }
}
