package io.sluice.infra.jobs;

import io.sluice.topology.JobTopology;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What a {@link JobLambda} is built from: the type's topology and queues, the code and environment of its function,
 * the tables the runtime uses, and what else its handler may read or do. All are required but the access, which
 * defaults to {@link FunctionAccess#NONE}.
 *
 * @param job the job type, as the topology derived it (function name, memory, timeout, reserved concurrency)
 * @param queues the type's queues, one event source mapping each
 * @param code the shaded {@code functions} jar
 * @param environment the function's environment variables
 * @param tables the job history and rate-limit tables; the rate-limit table's access is granted only if the type
 *     has rate limits
 * @param access the secrets the handler reads and further permissions it needs in this environment; default none
 */
public record JobLambdaProps(
        JobTopology job,
        JobQueues queues,
        Code code,
        FunctionEnvironment environment,
        RuntimeTables tables,
        FunctionAccess access) {
    public JobLambdaProps {
        Objects.requireNonNull(job, "job is required");
        Objects.requireNonNull(queues, "queues is required");
        Objects.requireNonNull(code, "code is required");
        Objects.requireNonNull(environment, "environment is required");
        Objects.requireNonNull(tables, "tables is required");
        access = access == null ? FunctionAccess.NONE : access;
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
        private RuntimeTables tables;
        private FunctionAccess access;

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

        public Builder tables(RuntimeTables value) {
            tables = value;
            return this;
        }

        public Builder access(FunctionAccess value) {
            access = value;
            return this;
        }

        public JobLambdaProps build() {
            return new JobLambdaProps(job, queues, code, environment, tables, access);
        }
    }
}
