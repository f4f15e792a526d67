package io.sluice.infra.jobs;

import io.sluice.topology.JobTopology;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What a {@link JobLambda} is built from: the type's topology and queues, the code and environment of its function,
 * the tables the runtime uses, and what else its handler may read or do. The first six are required; the secrets
 * and grants default to none.
 *
 * @param job the job type, as the topology derived it (function name, memory, timeout, reserved concurrency)
 * @param queues the type's queues, one event source mapping each
 * @param code the shaded {@code functions} jar
 * @param environment the function's environment variables
 * @param jobsTable the job history and idempotency table
 * @param rateLimitsTable the rate-limit table; its access is granted only if the type has rate limits
 * @param secrets Secrets Manager secret names or ARNs the handler reads ({@code GetSecretValue} on each); a name
 *     matches exactly that secret; default none
 * @param grants further permissions the handler needs in this environment; default none
 */
public record JobLambdaProps(
        JobTopology job,
        JobQueues queues,
        Code code,
        FunctionEnvironment environment,
        ITable jobsTable,
        ITable rateLimitsTable,
        List<String> secrets,
        List<ExtraGrant> grants) {
    public JobLambdaProps {
        Objects.requireNonNull(job, "job is required");
        Objects.requireNonNull(queues, "queues is required");
        Objects.requireNonNull(code, "code is required");
        Objects.requireNonNull(environment, "environment is required");
        Objects.requireNonNull(jobsTable, "jobsTable is required");
        Objects.requireNonNull(rateLimitsTable, "rateLimitsTable is required");
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
        grants = List.copyOf(grants == null ? List.of() : grants);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JobLambdaProps}; the defaults are those of the record's components. */
    public static final class Builder {
        private JobTopology job;
        private JobQueues queues;
        private Code code;
        private FunctionEnvironment environment;
        private ITable jobsTable;
        private ITable rateLimitsTable;
        private List<String> secrets;
        private List<ExtraGrant> grants;

        private Builder() {}

        public Builder job(JobTopology value) {
            job = value;
            return this;
        }

        public Builder queues(JobQueues value) {
            queues = value;
            return this;
        }

        public Builder code(Code value) {
            code = value;
            return this;
        }

        public Builder environment(FunctionEnvironment value) {
            environment = value;
            return this;
        }

        public Builder jobsTable(ITable value) {
            jobsTable = value;
            return this;
        }

        public Builder rateLimitsTable(ITable value) {
            rateLimitsTable = value;
            return this;
        }

        public Builder secrets(List<String> value) {
            secrets = value;
            return this;
        }

        public Builder grants(List<ExtraGrant> value) {
            grants = value;
            return this;
        }

        public JobLambdaProps build() {
            return new JobLambdaProps(job, queues, code, environment, jobsTable, rateLimitsTable, secrets, grants);
        }
    }
}
