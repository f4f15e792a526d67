package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of the EventBridge Scheduler API: reads its request's fields in the service model's
 * shapes, calls the {@link io.sluice.local.scheduler.ScheduleRegistry}, and returns the response body. Any
 * refusal is a {@link io.sluice.local.scheduler.SchedulerException}, which the server turns into the restJson1
 * error the SDKs expect.
 */
public interface SchedulerAction {
    JsonNode handle(ApiRequest request);
}
