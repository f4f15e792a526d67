package io.sluice.infra.jobs;

import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;

/**
 * The DynamoDB tables a job type's runtime uses, passed as one value from the app through its job types to their
 * functions, so a new table is added in one place. Both are required.
 *
 * @param jobs the job history and idempotency table
 * @param rateLimits the rate-limit table; a function is granted access to it only if its type has rate limits
 */
public record RuntimeTables(ITable jobs, ITable rateLimits) {
    public RuntimeTables {
        Objects.requireNonNull(jobs, "jobs is required");
        Objects.requireNonNull(rateLimits, "rateLimits is required");
    }
}
