package io.sluice.infra.api;

import io.sluice.infra.jobs.JobQueues.PriorityQueue;
import io.sluice.infra.schedule.Schedules;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IRole;

/**
 * What the operator-surface policies cover: the app's queues and dead-letter queues, its jobs table, its schedule
 * group (and the roles its schedules pass to Scheduler), and the Jobs HTTP API whose routes they may invoke.
 * Every component is required.
 */
public record OperatorAccessProps(
        String app,
        List<PriorityQueue> queues,
        ITable jobsTable,
        Schedules schedules,
        List<IRole> scheduleRoles,
        HttpApi api) {
    public OperatorAccessProps {
        Objects.requireNonNull(app, "app is required");
        queues = List.copyOf(Objects.requireNonNull(queues, "queues is required"));
        Objects.requireNonNull(jobsTable, "jobsTable is required");
        Objects.requireNonNull(schedules, "schedules is required");
        scheduleRoles = List.copyOf(scheduleRoles == null ? List.of() : scheduleRoles);
        Objects.requireNonNull(api, "api is required");
    }
}
