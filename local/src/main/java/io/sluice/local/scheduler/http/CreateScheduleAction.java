package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
        String name = RequestFields.name("name", request.name());
        RequestFields body = RequestFields.of(request.body());
        String group = body.string("GroupName", false, 1, 64, ScheduleShapes.NAME);
        String clientToken = body.string("ClientToken", false, 1, 64, ScheduleShapes.CLIENT_TOKEN);
        Schedule schedule = registry.create(group, name, ScheduleShapes.definition(request.body()), clientToken);
        return JsonNodeFactory.instance
                .objectNode()
                .put("ScheduleArn", registry.account().scheduleArn(schedule.groupName(), name));
    }
}
