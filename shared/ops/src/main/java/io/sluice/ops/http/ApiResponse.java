package io.sluice.ops.http;

/** One HTTP response of the Jobs API: a status code and a JSON body (always an object, errors included). */
public record ApiResponse(int status, String json) {
    public static final String CONTENT_TYPE = "application/json";
}
