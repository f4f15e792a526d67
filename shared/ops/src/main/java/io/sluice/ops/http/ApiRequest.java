package io.sluice.ops.http;

import java.util.Map;

/**
 * One HTTP request as the Jobs API router sees it, whatever carried it (the JDK's HTTP server in sluice-local, API
 * Gateway's event on AWS): method, path without the stage, decoded query parameters and the body text ({@code null}
 * or empty when there is none).
 */
public record ApiRequest(String method, String path, Map<String, String> query, String body) {
    public ApiRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
    }
}
