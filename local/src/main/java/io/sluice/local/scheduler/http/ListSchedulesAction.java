package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.local.scheduler.ListingPage;
import io.sluice.local.scheduler.Schedule;
import io.sluice.local.scheduler.ScheduleRegistry;
import io.sluice.local.scheduler.ScheduleState;

/**
 * {@code ListSchedules}: {@code GET /schedules?ScheduleGroup=&NamePrefix=&State=&MaxResults=&NextToken=};
 * answers {@code {"Schedules": [summaries], "NextToken": …}}, in group then name order.
 */
final class ListSchedulesAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    ListSchedulesAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        String group = RequestFields.name("groupName", request.query("ScheduleGroup"));
        String prefix = RequestFields.name("namePrefix", request.query("NamePrefix"));
        String state = request.query("State");
        ListingPage<Schedule> page = registry.list(
                group,
                prefix,
                state == null ? null : RequestFields.choice("state", state, ScheduleState.class),
                RequestFields.maxResults(request.query("MaxResults")),
                RequestFields.nextToken(request.query("NextToken")));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode schedules = out.putArray("Schedules");
        page.items().forEach(s -> schedules.add(ScheduleShapes.summary(s, registry.account())));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
