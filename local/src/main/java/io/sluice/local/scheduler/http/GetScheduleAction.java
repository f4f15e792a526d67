package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.local.scheduler.ScheduleRegistry;

/** {@code GetSchedule}: {@code GET /schedules/{Name}?groupName=}; answers the whole schedule. */
final class GetScheduleAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    GetScheduleAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        String name = RequestFields.name("name", request.name());
        String group = RequestFields.name("groupName", request.query("groupName"));
        return ScheduleShapes.schedule(registry.get(group, name), registry.account());
    }
}
