package io.sluice.infra.api;

import java.util.List;

/**
 * One route of the Jobs HTTP API (the operations of {@code shared/ops/.../openapi.yaml}) and which of the three
 * managed policies may call it: the producer enqueues and reads its jobs, the viewer reads everything, the operator
 * may do everything.
 */
public record JobsApiRoute(String method, String path, boolean producer, boolean viewer) {
    /** Every route; the template test checks them against the OpenAPI file. */
    public static final List<JobsApiRoute> ALL = List.of(
            new JobsApiRoute("GET", "/status", false, true),
            new JobsApiRoute("GET", "/jobs", false, true),
            new JobsApiRoute("POST", "/jobs/{name}", true, false),
            new JobsApiRoute("GET", "/jobs/{name}", true, true),
            new JobsApiRoute("DELETE", "/jobs/{name}", false, false),
            new JobsApiRoute("GET", "/dlq/{type}", false, true),
            new JobsApiRoute("POST", "/dlq/{type}/redrive", false, false),
            new JobsApiRoute("POST", "/dlq/{type}/discard", false, false),
            new JobsApiRoute("POST", "/types/{type}/pause", false, false),
            new JobsApiRoute("POST", "/types/{type}/resume", false, false));

    /** The path as an {@code execute-api} resource: each {@code {parameter}} a wildcard. */
    public String resourcePath() {
        return path.replaceAll("\\{[^}]+}", "*");
    }
}
