package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sluice.local.scheduler.ScheduleGroup;
import io.sluice.local.scheduler.ScheduleRegistry;

/**
 * {@code CreateScheduleGroup}: {@code POST /schedule-groups/{Name}}; answers {@code {"ScheduleGroupArn": …}}.
 * Tags are accepted and not kept: sluice-local does not emulate the tagging operations.
 */
final class CreateScheduleGroupAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    CreateScheduleGroupAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        String name = RequestFields.name("name", request.name());
        String clientToken =
                RequestFields.of(request.body()).string("ClientToken", false, 1, 64, ScheduleShapes.CLIENT_TOKEN);
        ScheduleGroup group = registry.createGroup(name, clientToken);
        return JsonNodeFactory.instance
                .objectNode()
                .put("ScheduleGroupArn", registry.account().groupArn(group.name()));
    }
}
