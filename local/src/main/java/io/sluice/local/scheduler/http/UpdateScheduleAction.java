package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.local.scheduler.Schedule;
import io.sluice.local.scheduler.ScheduleRegistry;

/**
 * {@code UpdateSchedule}: {@code PUT /schedules/{Name}}. Replaces the whole definition, as AWS does: what the
 * request leaves out returns to its default. Answers {@code {"ScheduleArn": …}}.
 */
final class UpdateScheduleAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    UpdateScheduleAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        ScheduleWrite write = ScheduleWrite.of(request);
        Schedule schedule = registry.update(write.group(), write.name(), write.definition());
        return ScheduleShapes.scheduleArn(schedule, registry.account());
    }
}
