package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.local.scheduler.ListingPage;
import io.sluice.local.scheduler.ScheduleGroup;
import io.sluice.local.scheduler.ScheduleRegistry;

/**
 * {@code ListScheduleGroups}: {@code GET /schedule-groups?NamePrefix=&MaxResults=&NextToken=}; answers
 * {@code {"ScheduleGroups": […], "NextToken": …}} in name order, {@code default} included.
 */
final class ListScheduleGroupsAction implements SchedulerAction {
    private final ScheduleRegistry registry;

    ListScheduleGroupsAction(ScheduleRegistry registry) {
        this.registry = registry;
    }

    @Override
    public JsonNode handle(ApiRequest request) {
        ListingPage<ScheduleGroup> page = registry.groups(
                RequestFields.name("namePrefix", request.query("NamePrefix")),
                RequestFields.maxResults(request.query("MaxResults")),
                RequestFields.nextToken(request.query("NextToken")));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode groups = out.putArray("ScheduleGroups");
        page.items().forEach(g -> groups.add(ScheduleShapes.group(g, registry.account())));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }
}
