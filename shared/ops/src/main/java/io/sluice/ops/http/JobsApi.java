package io.sluice.ops.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.EnqueueOptions;
import io.sluice.envelope.SluiceJson;
import io.sluice.job.Priority;
import io.sluice.ops.CancelResult;
import io.sluice.ops.DeadLetterFilter;
import io.sluice.ops.DurationText;
import io.sluice.ops.OperationException;
import io.sluice.ops.SluiceOperations;
import io.sluice.ops.StatusReport;
import io.sluice.store.JobSearch;
import io.sluice.store.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The Jobs HTTP API, transport-neutral: one router from {@link ApiRequest} to {@link ApiResponse} over
 * {@link SluiceOperations}, served by sluice-local's HTTP server and by the API Lambda behind API Gateway alike. The
 * routes, their parameters and every response shape are specified in {@code shared/ops/openapi.yaml}, which a test
 * checks against this router over real HTTP. Bad input is a 400 whose message names what was wrong and what would be
 * right; nothing here answers with a stack trace.
 */
public final class JobsApi {
    /** The largest request body accepted: SQS's message limit, which no job can exceed anyway. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JobsApi.class);
    private static final ObjectMapper JSON = SluiceJson.mapper();
    private static final Pattern JOBS_TYPE_OR_ID = Pattern.compile("/jobs/([^/]+)");
    private static final Pattern DLQ = Pattern.compile("/dlq/([^/]+)");
    private static final Pattern DLQ_ACTION = Pattern.compile("/dlq/([^/]+)/(redrive|discard)");
    private static final Pattern TYPE_SWITCH = Pattern.compile("/types/([^/]+)/(pause|resume)");

    private final SluiceOperations ops;

    public JobsApi(SluiceOperations ops) {
        this.ops = ops;
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            if (request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                return error(413, "too-large", "the request body is over " + MAX_BODY_BYTES + " bytes");
            }
            return route(request.method().toUpperCase(Locale.ROOT), trim(request.path()), request);
        } catch (OperationException e) {
            return error(e.kind().httpStatus(), word(e.kind()), e.getMessage());
        } catch (SdkClientException e) {
            LOG.warn("Jobs API: AWS unreachable: {}", e.getMessage());
            return error(503, "unavailable", "an AWS service could not be reached: " + e.getMessage());
        } catch (AwsServiceException e) {
            LOG.warn("Jobs API: AWS refused: {}", e.getMessage());
            return error(
                    e.statusCode() == 403 ? 403 : 502,
                    e.statusCode() == 403 ? "forbidden" : "unavailable",
                    e.awsErrorDetails().serviceName() + " refused the request: "
                            + e.awsErrorDetails().errorCode() + ": "
                            + e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            LOG.error("Jobs API: {} {} failed", request.method(), request.path(), e);
            return error(500, "internal", "the request failed inside Sluice; the API's log has the details");
        }
    }

    private ApiResponse route(String method, String path, ApiRequest request) {
        Matcher m;
        if (path.equals("/status")) {
            return only(method, "GET").orElseGet(() -> ok(status(request.query().get("type"))));
        }
        if (path.equals("/jobs")) {
            return only(method, "GET")
                    .orElseGet(() -> ok(ops.search(
                            search(request.query(), ops.clock().instant()),
                            limit(request.query()),
                            request.query().get("page"))));
        }
        if ((m = JOBS_TYPE_OR_ID.matcher(path)).matches()) {
            String name = m.group(1);
            return switch (method) {
                case "POST" -> new ApiResponse(202, write(enqueue(name, body(request))));
                case "GET" -> ok(ops.job(name));
                case "DELETE" -> cancel(name);
                default -> notAllowed(method, "GET, POST, DELETE");
            };
        }
        if ((m = DLQ_ACTION.matcher(path)).matches()) {
            String type = m.group(1);
            if (!method.equals("POST")) {
                return notAllowed(method, "POST");
            }
            JsonNode body = body(request);
            Priority priority = priority(text(body, "priority"));
            int limit = body.has("limit") ? body.get("limit").asInt() : 100;
            if (m.group(2).equals("redrive")) {
                boolean all = body.path("all").asBoolean(false);
                DeadLetterFilter filter = filter(body);
                if (all == !filter.isEverything()) {
                    throw invalid(
                            all
                                    ? "\"all\": true redrives everything; leave out reasons, ids and olderThan"
                                    : "say what to redrive: {\"all\": true}, or reasons, ids or olderThan");
                }
                return ok(ops.redrive(type, priority, filter, limit));
            }
            return ok(ops.discard(type, priority, filter(body), text(body, "note"), limit));
        }
        if ((m = DLQ.matcher(path)).matches()) {
            Map<String, String> q = request.query();
            String dlqType = m.group(1);
            return only(method, "GET")
                    .orElseGet(() -> ok(ops.deadLetters(
                            dlqType,
                            priority(q.get("priority")),
                            new DeadLetterFilter(
                                    set(q.get("reason")),
                                    set(q.get("id")),
                                    q.get("olderThan") == null
                                            ? null
                                            : DurationText.parse("olderThan", q.get("olderThan"))),
                            q.containsKey("limit") ? number("limit", q.get("limit")) : 100,
                            "true".equalsIgnoreCase(q.get("payload")))));
        }
        if ((m = TYPE_SWITCH.matcher(path)).matches()) {
            if (!method.equals("POST")) {
                return notAllowed(method, "POST");
            }
            Priority priority = priority(text(body(request), "priority"));
            return ok(m.group(2).equals("pause") ? ops.pause(m.group(1), priority) : ops.resume(m.group(1), priority));
        }
        return error(
                404,
                "not-found",
                "no route " + method + " " + path + "; the routes are GET /status, GET /jobs,"
                        + " POST|GET|DELETE /jobs/{type or id}, GET /dlq/{type}, POST /dlq/{type}/redrive|discard,"
                        + " POST /types/{type}/pause|resume");
    }

    private StatusReport status(String type) {
        return type == null || type.isBlank()
                ? ops.status()
                : new StatusReport(ops.app(), ops.clock().instant(), List.of(ops.status(type)));
    }

    private Object enqueue(String type, JsonNode body) {
        JsonNode payload = body.get("payload");
        if (payload == null || !payload.isObject()) {
            throw invalid("the body needs \"payload\": a JSON object, the job's payload; for example"
                    + " {\"payload\": {\"url\": \"https://example.com/hook\"}}");
        }
        EnqueueOptions options = EnqueueOptions.defaults().priority(priority(text(body, "priority")));
        if (body.hasNonNull("delay")) {
            options = options.delay(DurationText.parse("delay", text(body, "delay")));
        }
        if (body.hasNonNull("runAt")) {
            options = options.runAt(instant("runAt", text(body, "runAt")));
        }
        options = options.jobId(text(body, "jobId"))
                .idempotencyKey(text(body, "idempotencyKey"))
                .source(text(body, "source"))
                .groupId(text(body, "groupId"));
        return ops.enqueue(type, payload.toString(), options);
    }

    private ApiResponse cancel(String jobId) {
        CancelResult result = ops.cancel(jobId);
        if (!result.cancelled()) {
            return error(
                    409,
                    "conflict",
                    "job " + jobId + " has started or ended"
                            + (result.state() == null ? "" : " (state " + result.state() + ")")
                            + "; only a job that has not"
                            + " started can be cancelled");
        }
        return ok(result);
    }

    private static JobSearch search(Map<String, String> q, Instant now) {
        Instant from = q.get("since") != null
                ? now.minus(DurationText.parse("since", q.get("since")))
                : q.get("from") == null ? null : instant("from", q.get("from"));
        JobState state;
        try {
            state = q.get("state") == null ? null : JobState.fromWire(q.get("state"));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        try {
            return new JobSearch(
                    q.get("type"),
                    state,
                    from,
                    q.get("to") == null ? null : instant("to", q.get("to")),
                    q.get("source"),
                    q.get("key"),
                    q.get("prefix"));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + "; pass type=TYPE (or key=KEY)");
        }
    }

    private static int limit(Map<String, String> q) {
        return q.containsKey("limit") ? number("limit", q.get("limit")) : 20;
    }

    private static DeadLetterFilter filter(JsonNode body) {
        return new DeadLetterFilter(
                strings(body, "reasons"),
                strings(body, "ids"),
                body.hasNonNull("olderThan") ? DurationText.parse("olderThan", text(body, "olderThan")) : null);
    }

    private static Set<String> strings(JsonNode body, String field) {
        Set<String> values = new LinkedHashSet<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw invalid("\"" + field + "\" must be an array of strings, for example [\"max-attempts\"]");
        }
        node.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static Set<String> set(String commaSeparated) {
        Set<String> values = new LinkedHashSet<>();
        if (commaSeparated != null) {
            for (String v : commaSeparated.split(",")) {
                if (!v.isBlank()) {
                    values.add(v.trim());
                }
            }
        }
        return values;
    }

    private static Priority priority(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Priority.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field + " '" + text + "' is not an instant; use ISO-8601 UTC, e.g. 2026-12-01T08:00:00Z");
        }
    }

    private static int number(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(field + " '" + text + "' is not a whole number");
        }
    }

    private static JsonNode body(ApiRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw invalid("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static java.util.Optional<ApiResponse> only(String method, String allowed) {
        return method.equals(allowed) ? java.util.Optional.empty() : java.util.Optional.of(notAllowed(method, allowed));
    }

    private static ApiResponse notAllowed(String method, String allowed) {
        return error(405, "method-not-allowed", method + " is not allowed here; use " + allowed);
    }

    private static ApiResponse ok(Object value) {
        return new ApiResponse(200, write(value));
    }

    static ApiResponse error(int status, String error, String message) {
        return new ApiResponse(status, write(new ApiError(error, message)));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response: " + e.getOriginalMessage(), e);
        }
    }

    private static String trim(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String word(OperationException.Kind kind) {
        return switch (kind) {
            case INVALID -> "invalid";
            case NOT_FOUND -> "not-found";
            case CONFLICT -> "conflict";
            case UNAVAILABLE -> "unavailable";
        };
    }

    private static OperationException invalid(String message) {
        return new OperationException(OperationException.Kind.INVALID, message);
    }
}
