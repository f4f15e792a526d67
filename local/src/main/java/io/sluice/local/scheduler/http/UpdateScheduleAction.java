package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
        String name = RequestFields.name("name", request.name());
        RequestFields body = RequestFields.of(request.body());
        String group = body.string("GroupName", false, 1, 64, ScheduleShapes.NAME);
        body.string("ClientToken", false, 1, 64, ScheduleShapes.CLIENT_TOKEN);
        Schedule schedule = registry.update(group, name, ScheduleShapes.definition(request.body()));
        return JsonNodeFactory.instance
                .objectNode()
                .put("ScheduleArn", registry.account().scheduleArn(schedule.groupName(), name));
    }
}
