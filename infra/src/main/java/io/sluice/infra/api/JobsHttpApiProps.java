package io.sluice.infra.api;

import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.infra.schedule.Schedules;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Code;

/**
 * What {@link JobsHttpApi} is built from. Everything but the limits is required.
 *
 * @param app the app name: function {@code <app>-jobs-api}, API {@code <app>-jobs}, policy name prefix
 * @param code the API Lambda's package ({@code sluice-jobs-api-lambda.jar})
 * @param queues every job type's queues and dead-letter queues
 * @param scheduleRoles the roles the app's catalogue schedules pass to Scheduler (pause rewrites their schedules)
 * @param rateLimit steady requests per second for the whole API; default {@value #DEFAULT_RATE_LIMIT}
 * @param burstLimit burst requests for the whole API; default {@value #DEFAULT_BURST_LIMIT}
 */
public record JobsHttpApiProps(
        String app,
        Code code,
        List<PriorityQueue> queues,
        ITable jobsTable,
        Schedules schedules,
        List<IRole> scheduleRoles,
        double rateLimit,
        int burstLimit) {
    public static final double DEFAULT_RATE_LIMIT = 20;
    public static final int DEFAULT_BURST_LIMIT = 40;

    public JobsHttpApiProps {
        Objects.requireNonNull(app, "app is required");
        Objects.requireNonNull(code, "code is required: the sluice-jobs-api module's lambda jar");
        queues = List.copyOf(Objects.requireNonNull(queues, "queues is required"));
        Objects.requireNonNull(jobsTable, "jobsTable is required");
        Objects.requireNonNull(schedules, "schedules is required");
        scheduleRoles = List.copyOf(scheduleRoles == null ? List.of() : scheduleRoles);
        if (rateLimit <= 0 || rateLimit > 10_000) {
            throw new IllegalArgumentException(
                    "rateLimit " + rateLimit + " must be above 0 and at most 10000 per second");
        }
        if (burstLimit < 1 || burstLimit > 5_000) {
            throw new IllegalArgumentException("burstLimit " + burstLimit + " must be 1 to 5000");
        }
    }

    /** With the default limits. */
    public JobsHttpApiProps(
            String app,
            Code code,
            List<PriorityQueue> queues,
            ITable jobsTable,
            Schedules schedules,
            List<IRole> scheduleRoles) {
        this(app, code, queues, jobsTable, schedules, scheduleRoles, DEFAULT_RATE_LIMIT, DEFAULT_BURST_LIMIT);
    }
}
