package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.local.scheduler.ScheduleRegistry;

/**
 * {@code DeleteScheduleGroup}: {@code DELETE /schedule-groups/{Name}?clientToken=}; deletes the group's
 * schedules with it, at once (AWS does so eventually, showing the group as {@code DELETING} meanwhile).
 */
final class DeleteScheduleGroupAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    DeleteScheduleGroupAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        String name = RequestFields.name("name", request.name());
        RequestFields.clientToken("clientToken", request.query("clientToken"));
        registry.deleteGroup(name);
        return JsonNodeFactory.instance.objectNode();
    }
}
