package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.local.scheduler.ScheduleRegistry;

/** {@code GetScheduleGroup}: {@code GET /schedule-groups/{Name}}. */
final class GetScheduleGroupAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    GetScheduleGroupAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        return ScheduleShapes.group(registry.group(RequestFields.name("name", request.name())), registry.account());
    }
}
