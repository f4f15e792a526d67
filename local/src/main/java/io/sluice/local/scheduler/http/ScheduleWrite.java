package io.sluice.local.scheduler.http;

import io.sluice.local.scheduler.ScheduleDefinition;

/**
 * What a {@code CreateSchedule} or {@code UpdateSchedule} request asks for, each member checked against its shape in
 * the order AWS reports them: the name from the path, then the body's {@code GroupName}, {@code ClientToken} and the
 * definition.
 */
record ScheduleWrite(String name, String group, String clientToken, ScheduleDefinition definition) {
    static ScheduleWrite of(ApiRequest request) {
        String name = RequestFields.name("name", request.name());
        RequestFields body = RequestFields.of(request.body());
        String group = body.string("GroupName", false, 1, 64, ScheduleShapes.NAME);
        String clientToken = body.string("ClientToken", false, 1, 64, ScheduleShapes.CLIENT_TOKEN);
        return new ScheduleWrite(name, group, clientToken, ScheduleShapes.definition(request.body()));
    }
}
