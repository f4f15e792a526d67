package io.sluice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.infra.api.JobsHttpApi;
import io.sluice.infra.api.OperatorAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jobs HTTP API in the synthesized template: the routes are exactly the OpenAPI file's operations, every one with
 * IAM authorisation and the one Lambda integration; the stage throttles and logs; and the three managed policies
 * hold exactly their actions and routes. (cdk-nag's AwsSolutions checks run on the same stack in
 * {@link SluiceTest#cdkNagReportsNothingUnsuppressed}.)
 */
class JobsHttpApiTemplateTest {
    private static final Path OPENAPI = Path.of("../shared/ops/src/main/resources/io/sluice/ops/http/openapi.yaml");

    private static Synthesized stack;

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.of(SluiceProps.builder().catalogue(SluiceTest.CATALOGUE));
    }

    @Test
    void theRoutesAreExactlyTheOpenApiFilesOperationsEachWithIamAuthorisation() throws IOException {
        Set<String> routes = new TreeSet<>();
        for (JsonNode route : stack.resources("AWS::ApiGatewayV2::Route").values()) {
            JsonNode p = route.path("Properties");
            routes.add(p.path("RouteKey").asText());
            assertEquals("AWS_IAM", p.path("AuthorizationType").asText(), "route " + p.path("RouteKey"));
            assertTrue(p.path("Target").toString().contains("integrations/"), p.toString());
        }
        assertEquals(openApiOperations(), routes);
        assertEquals(1, stack.resources("AWS::ApiGatewayV2::Api").size());
        JsonNode api =
                stack.resources("AWS::ApiGatewayV2::Api").values().iterator().next();
        assertEquals("sluice-jobs", api.path("Properties").path("Name").asText());
        assertEquals("HTTP", api.path("Properties").path("ProtocolType").asText());
        assertEquals(1, stack.resources("AWS::ApiGatewayV2::Integration").size(), "one router for every route");
    }

    @Test
    void theStageThrottlesTheWholeApiAndWritesAccessLogs() {
        assertEquals(1, stack.resources("AWS::ApiGatewayV2::Stage").size());
        JsonNode stage = stack.resources("AWS::ApiGatewayV2::Stage")
                .values()
                .iterator()
                .next()
                .path("Properties");
        assertEquals("$default", stage.path("StageName").asText());
        assertTrue(stage.path("AutoDeploy").asBoolean());
        assertEquals(
                20,
                stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt());
        assertEquals(
                40,
                stage.path("DefaultRouteSettings").path("ThrottlingBurstLimit").asInt());
        assertTrue(stage.path("AccessLogSettings").path("Format").asText().contains("$context.identity.userArn"));
        assertTrue(stage.path("AccessLogSettings").has("DestinationArn"));
    }

    @Test
    void theRouterIsOneJava21FunctionWithTheAppsSettings() {
        JsonNode fn = stack.function("sluice-jobs-api");
        assertEquals(JobsHttpApi.HANDLER, fn.path("Handler").asText());
        assertEquals("java21", fn.path("Runtime").asText());
        assertEquals(29, fn.path("Timeout").asInt());
        JsonNode env = fn.path("Environment").path("Variables");
        assertEquals("sluice", env.path("SLUICE_APP").asText());
        assertTrue(env.has("SLUICE_SCHEDULER_ROLE_ARN") && env.has("SLUICE_SCHEDULE_DLQ_ARN"), env.toString());
    }

    @Test
    void theProducerPolicyInvokesEnqueueAndGetOnly() {
        JsonNode document = policy("sluice-api-producer");
        assertEquals(Set.of("execute-api:Invoke"), actions(document));
        assertEquals(Set.of("POST /jobs/*", "GET /jobs/*"), routes(document));
    }

    @Test
    void theViewerPolicyReadsEverythingAndChangesNothing() {
        JsonNode document = policy("sluice-viewer");
        Set<String> expected = new TreeSet<>(OperatorAccess.VIEWER_ACTIONS);
        expected.add("execute-api:Invoke");
        assertEquals(expected, actions(document));
        assertEquals(Set.of("GET /status", "GET /jobs", "GET /jobs/*", "GET /dlq/*"), routes(document));
        // A listing holds dead letters briefly; the viewer may do that on dead-letter queues only.
        for (JsonNode s : SluiceTest.statements(document)) {
            if (SluiceTest.texts(s.path("Action")).contains("sqs:ReceiveMessage")) {
                for (JsonNode r : SluiceTest.list(s.path("Resource"))) {
                    assertTrue(
                            r.toString().contains("dlq")
                                    || r.toString().contains("Dlq")
                                    || r.toString().contains("DeadLetter"),
                            "receive only on dead-letter queues: " + r);
                }
            }
        }
    }

    @Test
    void theOperatorPolicyMayDoEverythingAndNoMore() {
        JsonNode document = policy("sluice-operator");
        Set<String> expected = new TreeSet<>(OperatorAccess.VIEWER_ACTIONS);
        expected.addAll(OperatorAccess.OPERATOR_ACTIONS);
        expected.add("execute-api:Invoke");
        assertEquals(expected, actions(document));
        Set<String> all = new TreeSet<>();
        for (String operation : openApiOperations()) {
            all.add(operation.replaceAll("\\{[^}]+}", "*"));
        }
        assertEquals(all, routes(document));
        String pause = SluiceTest.statements(document).stream()
                .filter(s -> SluiceTest.texts(s.path("Action")).contains("lambda:UpdateEventSourceMapping"))
                .findFirst()
                .orElseThrow()
                .path("Condition")
                .toString();
        assertTrue(pause.contains("lambda:FunctionArn") && pause.contains(":function:sluice-*"), pause);
    }

    @Test
    void theApiReferenceInTheDocsListsExactlyTheOpenApiFilesOperations() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z]+ /[^`]*)` \\|")
                .matcher(Files.readString(Path.of("../docs/operations.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(openApiOperations(), documented, "docs/operations.md's route table");
    }

    @Test
    void theContextSwitchLeavesTheApiOut() {
        Synthesized without = Synthesized.of(
                SluiceProps.builder().catalogue(SluiceTest.CATALOGUE), Map.of(SluiceContext.JOBS_API, "false"));
        assertEquals(0, without.resources("AWS::ApiGatewayV2::Api").size());
        assertEquals(0, without.resources("AWS::ApiGatewayV2::Route").size());
    }

    /** "GET /status", "POST /jobs/{name}", ... from the OpenAPI file's paths. */
    static Set<String> openApiOperations() {
        Set<String> operations = new TreeSet<>();
        Pattern path = Pattern.compile("^  (/\\S*):\\s*$");
        Pattern method = Pattern.compile("^    (get|post|put|delete|patch):\\s*$");
        String current = null;
        try {
            for (String line : Files.readAllLines(OPENAPI)) {
                Matcher p = path.matcher(line);
                Matcher m = method.matcher(line);
                if (p.matches()) {
                    current = p.group(1);
                } else if (line.matches("^\\S.*")) {
                    current = null;
                } else if (current != null && m.matches()) {
                    operations.add(m.group(1).toUpperCase() + " " + current);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + OPENAPI.toAbsolutePath(), e);
        }
        assertEquals(10, operations.size(), operations.toString());
        return operations;
    }

    private static JsonNode policy(String name) {
        return stack.resource(stack.idOf("AWS::IAM::ManagedPolicy", "ManagedPolicyName", name))
                .path("Properties")
                .path("PolicyDocument");
    }

    private static Set<String> actions(JsonNode document) {
        Set<String> actions = new TreeSet<>();
        SluiceTest.statements(document).forEach(s -> actions.addAll(SluiceTest.texts(s.path("Action"))));
        return actions;
    }

    /** The routes the document's execute-api:Invoke statements allow, as "METHOD /path". */
    private static Set<String> routes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        for (JsonNode s : SluiceTest.statements(document)) {
            if (!SluiceTest.texts(s.path("Action")).contains("execute-api:Invoke")) {
                continue;
            }
            for (JsonNode resource : SluiceTest.list(s.path("Resource"))) {
                String flat = flatten(resource);
                Matcher m = Pattern.compile("/\\$default/([A-Z]+)(/.*)$").matcher(flat);
                assertTrue(m.find(), "an execute-api ARN of the $default stage: " + flat);
                routes.add(m.group(1) + " " + m.group(2));
            }
        }
        return routes;
    }

    /** A template value with its Fn::Join and Ref parts flattened to text. */
    private static String flatten(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            List<String> parts = new ArrayList<>();
            value.path("Fn::Join").get(1).forEach(p -> parts.add(flatten(p)));
            return String.join(value.path("Fn::Join").get(0).asText(), parts);
        }
        if (value.has("Ref")) {
            return "<" + value.path("Ref").asText() + ">";
        }
        return value.toString();
    }
}
