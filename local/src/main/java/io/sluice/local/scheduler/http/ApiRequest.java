package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One Scheduler API request as the actions see it, already taken apart by {@link SchedulerHttpServer}:
 * the {@code {Name}} of the path (a schedule or a group; {@code null} for the list operations), the
 * decoded query parameters, and the JSON body ({@code {}} when there is none).
 */
public record ApiRequest(String name, Map<String, String> query, JsonNode body) {
    public ApiRequest {
        query = Map.copyOf(query);
    }

    /** A query parameter, or {@code null} when absent. */
    public String query(String parameter) {
        return query.get(parameter);
    }
}
