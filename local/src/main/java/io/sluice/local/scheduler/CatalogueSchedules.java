package io.sluice.local.scheduler;

import io.sluice.catalogue.Catalogue;
import io.sluice.catalogue.JobDefinition;
import io.sluice.catalogue.ScheduleSpec;
import io.sluice.catalogue.ScheduledEnvelope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Puts the catalogue's recurring schedules into the local scheduler, as the CDK app puts them into
 * EventBridge Scheduler: for each job type with {@code @Job(schedule = …)}, schedule
 * {@link ScheduledEnvelope#catalogueScheduleName} in the app's group, sending
 * {@link ScheduledEnvelope#forCatalogue} to the type's default priority queue, in the declared time zone.
 *
 * <p>Installing is idempotent: an unchanged schedule is left alone (with a data directory it keeps its
 * rhythm across restarts), a changed one is replaced, and one this class made for a type that no longer
 * declares a schedule is deleted. Schedules the producer client creates in the same group are never
 * touched: catalogue schedules are told apart by their description.
 */
public final class CatalogueSchedules {
    /** The execution role the catalogue's schedules name; AWS would assume it, sluice-local only reports it. */
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/sluice-local-scheduler";

    private static final String DESCRIPTION_PREFIX = "Catalogue schedule of job type ";

    private CatalogueSchedules() {}

    /**
     * Installs the schedules of {@code catalogue} for {@code app}, each targeting the queue ARN
     * {@code queueArn} gives for its type; returns them.
     */
    public static List<Schedule> install(
            ScheduleRegistry registry, String app, Catalogue catalogue, Function<JobDefinition, String> queueArn) {
        List<Schedule> installed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JobDefinition definition : catalogue.definitions()) {
            ScheduleSpec spec = definition.schedule();
            if (!spec.isScheduled()) {
                continue;
            }
            String name = ScheduledEnvelope.catalogueScheduleName(app, definition);
            // FIFO queues need a message group: the schedule's name, as the CDK app and the producer client use, so one
            // schedule's firings stay in order.
            ScheduleTarget target = new ScheduleTarget(
                    queueArn.apply(definition),
                    ROLE_ARN,
                    ScheduledEnvelope.forCatalogue(app, definition),
                    definition.fifo() ? name : null,
                    TargetRetryPolicy.DEFAULT,
                    null);
            ScheduleDefinition schedule = new ScheduleDefinition(
                    spec.expression(),
                    spec.timezone(),
                    null,
                    null,
                    ScheduleState.ENABLED,
                    FlexibleTimeWindow.OFF,
                    target,
                    ActionAfterCompletion.NONE,
                    DESCRIPTION_PREFIX + "'" + definition.type() + "'",
                    null);
            try {
                installed.add(registry.put(app, name, schedule));
            } catch (SchedulerException e) {
                throw new IllegalStateException(
                        "the schedule of job type '" + definition.type() + "' cannot be installed: " + e.getMessage(),
                        e);
            }
            names.add(name);
        }
        registry.ensureGroup(app);
        for (Schedule existing : registry.all()) {
            String description = existing.definition().description();
            if (existing.groupName().equals(app)
                    && description != null
                    && description.startsWith(DESCRIPTION_PREFIX)
                    && !names.contains(existing.name())) {
                registry.delete(app, existing.name());
            }
        }
        return installed;
    }
}
