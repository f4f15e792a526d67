package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.local.scheduler.ScheduleRegistry;

/** {@code DeleteSchedule}: {@code DELETE /schedules/{Name}?groupName=&clientToken=}; answers {@code {}}. */
final class DeleteScheduleAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    DeleteScheduleAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        String name = RequestFields.name("name", request.name());
        String group = RequestFields.name("groupName", request.query("groupName"));
        RequestFields.clientToken("clientToken", request.query("clientToken"));
        registry.delete(group, name);
        return JsonNodeFactory.instance.objectNode();
    }
}
