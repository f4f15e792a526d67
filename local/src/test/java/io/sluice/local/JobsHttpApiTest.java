package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.sluice.local.api.LocalApiServer;
import io.sluice.local.testjobs.UpstreamJob;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.http.JobsApi;
import io.sluice.ops.http.LoopbackGuard;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Jobs HTTP API end to end over real HTTP (sluice-local's server, the same router the API Lambda runs), checked
 * against {@code openapi.yaml}: every documented operation is called, every status code it answers is one the file
 * lists for that operation, and every body validates against the file's schema for it (which allows no extra
 * fields). The calls are the operator's worked example: enqueue a job that fails, find it, see it in the dead-letter
 * queue, fix it upstream, redrive it, watch it succeed; pause and resume; cancel; and the refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsHttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalHarness harness;
    private OperationsClients clients;
    private LocalApiServer server;
    private JsonNode openApi;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> covered = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        harness = LocalHarness.start(List.of("upstream", "flaky"), Map.of());
        clients = LocalOperations.clients(harness.runtime);
        server = LocalApiServer.start(
                0, new JobsApi(LocalOperations.of(harness.runtime, clients)), LoopbackGuard.newToken(), List.of());
        try (InputStream in = JobsApi.class.getResourceAsStream("openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is packaged beside the router");
            openApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @AfterAll
    void stop() {
        server.close();
        clients.close();
        harness.close();
    }

    @Test
    void everyRouteAnswersAsTheOpenApiFileSays() throws Exception {
        String jobId = "api-" + UUID.randomUUID();
        String order = "o-" + UUID.randomUUID();

        JsonNode status = call("GET", "/status", "/status", null, 200);
        assertTrue(status.path("types").size() >= 2);
        call("GET", "/status", "/status?type=nope", null, 400);

        JsonNode receipt = call(
                "POST",
                "/jobs/{name}",
                "/jobs/upstream",
                "{\"payload\":{\"order\":\"" + order + "\"},\"priority\":\"high\",\"jobId\":\"" + jobId
                        + "\",\"source\":\"billing\"}",
                202);
        assertEquals(jobId, receipt.path("jobId").asText());
        JsonNode refused = call("POST", "/jobs/{name}", "/jobs/upstream", "{\"payload\":\"text\"}", 400);
        assertTrue(refused.path("message").asText().contains("\"payload\""), refused.toString());
        call(
                "POST",
                "/jobs/{name}",
                "/jobs/upstream",
                "{\"payload\":{\"order\":\"" + "x".repeat(300_000) + "\"}}",
                413);

        LocalHarness.await(
                () -> get("/jobs/" + jobId).path("location").asText().equals("dead-letter-queue"),
                Duration.ofSeconds(30),
                () -> "job " + jobId + " never reached the dead-letter queue: " + get("/jobs/" + jobId));
        JsonNode view = call("GET", "/jobs/{name}", "/jobs/" + jobId, null, 200);
        assertEquals("dead-lettered", view.path("history").path("state").asText());
        assertEquals("billing", view.path("history").path("source").asText());
        call("GET", "/jobs/{name}", "/jobs/no-such-job-" + UUID.randomUUID(), null, 404);

        JsonNode page =
                call("GET", "/jobs", "/jobs?type=upstream&state=dead-lettered&since=1h&source=billing", null, 200);
        assertTrue(page.path("items").toString().contains(jobId), page.toString());
        call("GET", "/jobs", "/jobs?state=succeeded", null, 400);
        call("GET", "/jobs", "/jobs?type=upstream&since=soon", null, 400);

        JsonNode dlq = call("GET", "/dlq/{type}", "/dlq/upstream?reason=permanent-failure", null, 200);
        assertEquals(jobId, dlq.path("deadLetters").get(0).path("jobId").asText());
        assertTrue(dlq.path("deadLetters").get(0).path("body").isNull(), "no payload unless asked");
        JsonNode withBody = call("GET", "/dlq/{type}", "/dlq/upstream?payload=true&id=" + jobId, null, 200);
        assertTrue(withBody.path("deadLetters").get(0).path("body").asText().contains(order));
        call("GET", "/dlq/{type}", "/dlq/upstream?olderThan=5x", null, 400);

        call("POST", "/dlq/{type}/redrive", "/dlq/upstream/redrive", "{}", 400);
        UpstreamJob.fix(order);
        JsonNode redriven =
                call("POST", "/dlq/{type}/redrive", "/dlq/upstream/redrive", "{\"ids\":[\"" + jobId + "\"]}", 200);
        assertEquals(jobId, redriven.path("moved").get(0).asText());
        LocalHarness.await(
                () -> get("/jobs/" + jobId).path("location").asText().equals("done"),
                Duration.ofSeconds(30),
                () -> "job " + jobId + " did not succeed after the redrive: " + get("/jobs/" + jobId));

        String broken = harness.send("flaky", io.sluice.job.Priority.NORMAL, "{broken");
        harness.awaitFinished(List.of(broken), Duration.ofSeconds(30));
        call("POST", "/dlq/{type}/discard", "/dlq/flaky/discard", "{}", 400);
        JsonNode discarded = call(
                "POST",
                "/dlq/{type}/discard",
                "/dlq/flaky/discard",
                "{\"reasons\":[\"malformed-json\"],\"note\":\"garbage from a test\"}",
                200);
        assertEquals(1, discarded.path("discarded").size());

        JsonNode paused = call("POST", "/types/{type}/pause", "/types/flaky/pause", null, 200);
        assertTrue(paused.path("paused").asBoolean());
        call("POST", "/types/{type}/pause", "/types/flaky/pause", "{\"priority\":\"urgent\"}", 400);
        JsonNode resumed =
                call("POST", "/types/{type}/resume", "/types/flaky/resume", "{\"priority\":\"normal\"}", 200);
        assertTrue(!resumed.path("paused").asBoolean());
        call("POST", "/types/{type}/resume", "/types/nope/resume", null, 400);

        String later = "later-" + UUID.randomUUID();
        JsonNode cancelled = call("DELETE", "/jobs/{name}", "/jobs/" + later, null, 200);
        assertTrue(cancelled.path("cancelled").asBoolean());
        JsonNode tooLate = call("DELETE", "/jobs/{name}", "/jobs/" + jobId, null, 409);
        assertTrue(tooLate.path("message").asText().contains("succeeded"), tooLate.toString());

        Set<String> documented = new TreeSet<>();
        openApi.path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue()
                        .fieldNames()
                        .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        assertEquals(documented, new TreeSet<>(covered), "every documented operation was exercised");
    }

    @Test
    void anUndocumentedRouteOrMethodIsRefusedWithAnErrorBody() throws Exception {
        HttpResponse<String> unknown = send("GET", "/nowhere", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).path("message").asText().contains("GET /status"));
        HttpResponse<String> wrongMethod = send("PUT", "/status", null);
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(
                "method-not-allowed",
                JSON.readTree(wrongMethod.body()).path("error").asText());
    }

    /** Calls the API, checks the answer against the OpenAPI operation {@code method template}, returns the body. */
    private JsonNode call(String method, String template, String path, String body, int expected) throws Exception {
        JsonNode operation = openApi.path("paths").path(template).path(method.toLowerCase());
        assertTrue(operation.isObject(), method + " " + template + " is documented");
        HttpResponse<String> response = send(method, path, body);
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        JsonNode documented = operation.path("responses").path(Integer.toString(response.statusCode()));
        assertTrue(
                documented.isObject(),
                method + " " + template + " answered " + response.statusCode() + ", which the file does not list");
        if (documented.has("$ref")) {
            documented = resolve(documented.get("$ref").asText());
        }
        JsonNode schemaRef = documented.path("content").path("application/json").path("schema");
        assertTrue(schemaRef.isObject(), "a schema for " + method + " " + template + " " + response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode actual = JSON.readTree(response.body());
        List<String> problems = validate(schemaRef, actual);
        assertTrue(
                problems.isEmpty(),
                method + " " + path + " " + response.statusCode() + " breaks the OpenAPI file: " + problems + "\n"
                        + response.body());
        covered.add(method + " " + template);
        return actual;
    }

    private List<String> validate(JsonNode schemaRef, JsonNode actual) {
        // The whole document is the schema's root, so every "#/components/schemas/..." reference resolves in it.
        ObjectNode root = openApi.deepCopy();
        root.remove(List.of("openapi", "info", "servers", "paths"));
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        Iterator<Map.Entry<String, JsonNode>> fields = schemaRef.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            root.set(f.getKey(), f.getValue());
        }
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema.validate(actual)) {
            problems.add(m.getMessage());
        }
        return problems;
    }

    private JsonNode resolve(String ref) {
        JsonNode node = openApi;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send("GET", path, null).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header(LoopbackGuard.TOKEN_HEADER, server.token());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
