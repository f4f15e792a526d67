package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.local.scheduler.Schedule;
import io.sluice.local.scheduler.ScheduleRegistry;

/** {@code CreateSchedule}: {@code POST /schedules/{Name}}; answers {@code {"ScheduleArn": …}}. */
final class CreateScheduleAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    CreateScheduleAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        ScheduleWrite write = ScheduleWrite.of(request);
        Schedule schedule = registry.create(write.group(), write.name(), write.definition(), write.clientToken());
        return ScheduleShapes.scheduleArn(schedule, registry.account());
    }
}
