package io.sluice.ops;

import static io.sluice.ops.OperationsFixture.deadLetter;
import static io.sluice.ops.OperationsFixture.depth;
import static io.sluice.ops.OperationsFixture.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.moto.TableCreator;
import io.sluice.ops.http.ApiGatewayHandler;
import io.sluice.ops.http.JobsApi;
import io.sluice.testing.LocalSqs;
import io.sluice.testing.MotoDynamoDb;
import io.sluice.testing.TestLambdaContext;
import io.sluice.topology.JobsTable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API Lambda's transport: API Gateway HTTP API events (payload format 2.0, as API Gateway sends them after the
 * IAM check) reach the same router as sluice-local's server, on real queues and history.
 */
class ApiGatewayHandlerTest {
    @RegisterExtension
    static final MotoDynamoDb dynamoDb = new MotoDynamoDb();

    private static LocalSqs local;
    private static LocalSqs.Queue normal;
    private static ApiGatewayHandler handler;

    @BeforeAll
    static void start() {
        local = LocalSqs.start();
        normal = local.queue("sluice-report-normal", 13);
        local.queue("sluice-report-high", 13);
        new TableCreator(dynamoDb.client()).createIfMissing(JobsTable.spec("sluice"));
        handler = new ApiGatewayHandler(new JobsApi(SluiceOperations.builder()
                .app("sluice")
                .clients(OperationsFixture.clients(local.client(), dynamoDb.client()))
                .build()));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void aGetWithQueryParametersListsDeadLetters() throws Exception {
        deadLetter(local.client(), normal.deadLetterUrl(), envelope("gw-1", 2), "max-attempts", 3);

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("GET", "/dlq/report", Map.of("reason", "max-attempts"), null, false),
                new TestLambdaContext(29_000));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode page = SluiceJson.mapper().readTree(response.getBody());
        assertEquals("gw-1", page.path("deadLetters").get(0).path("jobId").asText());
    }

    @Test
    void aBase64BodyIsDecodedBeforeRouting() throws Exception {
        deadLetter(local.client(), normal.deadLetterUrl(), envelope("gw-2", 2), "runtime-error", 0);
        String body = Base64.getEncoder().encodeToString("{\"ids\":[\"gw-2\"]}".getBytes(StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", "/dlq/report/redrive", null, body, true), new TestLambdaContext(29_000));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("\"moved\":[\"gw-2\"]"), response.getBody());
        assertEquals(1, depth(local.client(), normal.url()));
        local.client().purgeQueue(r -> r.queueUrl(normal.url()));
    }

    @Test
    void aBadRequestIsA400WithAMessageNotAStackTrace() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("GET", "/jobs", Map.of("type", "nope"), null, false), new TestLambdaContext(29_000));

        assertEquals(400, response.getStatusCode());
        JsonNode error = SluiceJson.mapper().readTree(response.getBody());
        assertEquals("invalid", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("unknown job type 'nope'"), response.getBody());
    }

    private static APIGatewayV2HTTPEvent event(
            String method, String path, Map<String, String> query, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .build())
                        .build())
                .build();
    }
}
