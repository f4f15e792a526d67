package io.sluice.local.esm.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.sluice.local.esm.EventSourceMappingEmulator;
import io.sluice.local.http.LoopbackHttpServer;
import io.sluice.local.http.UrlForm;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slice of AWS Lambda's API that reads and switches event source mappings, served by sluice-local over its
 * mapping emulators: {@code ListEventSourceMappings} (filtered by {@code EventSourceArn} or {@code FunctionName}),
 * {@code GetEventSourceMapping} and {@code UpdateEventSourceMapping} (only {@code Enabled} changes anything here).
 * It speaks Lambda's REST-JSON protocol (paths under {@code /2015-03-31/event-source-mappings}), so the AWS SDK's
 * {@code LambdaClient}, the AWS CLI and the operations library pause and resume sluice-local exactly as they do a
 * deployed stack, pointed here by {@code AWS_ENDPOINT_URL_LAMBDA}. Binds 127.0.0.1 only. Anything else is answered
 * as Lambda answers an unknown resource. See
 * <a href="https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html">UpdateEventSourceMapping</a>.
 */
public final class LambdaApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaApiServer.class);
    private static final String PREFIX = "/2015-03-31/event-source-mappings";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackHttpServer http;
    private final Supplier<List<EventSourceMappingEmulator>> mappings;
    private final String region;
    private final String account;

    private LambdaApiServer(
            LoopbackHttpServer http,
            Supplier<List<EventSourceMappingEmulator>> mappings,
            String region,
            String account) {
        this.http = http;
        this.mappings = mappings;
        this.region = region;
        this.account = account;
    }

    /**
     * Starts the server on {@code 127.0.0.1:port} (0: any free port).
     *
     * @param mappings the mappings as they are now (empty before the consumers start)
     */
    public static LambdaApiServer start(
            int port, Supplier<List<EventSourceMappingEmulator>> mappings, String region, String account) {
        LoopbackHttpServer http =
                LoopbackHttpServer.bind("the Lambda API emulator", port, "--lambda-port", "lambda-api", 2);
        LambdaApiServer api = new LambdaApiServer(http, mappings, region, account);
        http.serve(api::handle);
        return api;
    }

    public URI endpoint() {
        return http.endpoint();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                error(exchange, 404, "ResourceNotFoundException", "sluice-local serves only event source mappings");
                return;
            }
            String rest = path.substring(PREFIX.length()).replaceAll("^/+|/+$", "");
            if (rest.isEmpty() && method.equals("GET")) {
                list(exchange);
                return;
            }
            EventSourceMappingEmulator mapping = mappings.get().stream()
                    .filter(m -> m.uuid().equals(rest))
                    .findFirst()
                    .orElse(null);
            if (mapping == null) {
                error(exchange, 404, "ResourceNotFoundException", "The resource you requested does not exist.");
                return;
            }
            if (method.equals("GET")) {
                reply(exchange, 200, configuration(mapping));
            } else if (method.equals("PUT")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                if (body != null && body.has("Enabled")) {
                    mapping.setEnabled(body.get("Enabled").asBoolean());
                }
                // Lambda answers 202 with the configuration in its new, transitional state.
                reply(exchange, 202, configuration(mapping));
            } else {
                error(exchange, 405, "InvalidParameterValueException", method + " is not supported on " + path);
            }
        } catch (RuntimeException e) {
            LOG.warn("Lambda API request failed", e);
            error(exchange, 500, "ServiceException", String.valueOf(e.getMessage()));
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = UrlForm.fields(exchange.getRequestURI().getRawQuery());
        String source = query.get("EventSourceArn");
        String function = query.get("FunctionName");
        ArrayNode found = JSON.createArrayNode();
        for (EventSourceMappingEmulator m : mappings.get()) {
            if (source != null && !source.equals(m.queueArn())) {
                continue;
            }
            if (function != null
                    && !function.equals(m.function().name())
                    && !functionArn(m).startsWith(function)) {
                continue;
            }
            found.add(configuration(m));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("EventSourceMappings", found);
        reply(exchange, 200, body);
    }

    private ObjectNode configuration(EventSourceMappingEmulator m) {
        ObjectNode c = JSON.createObjectNode();
        c.put("UUID", m.uuid());
        c.put("EventSourceArn", m.queueArn());
        c.put("FunctionArn", functionArn(m));
        c.put("State", m.enabled() ? "Enabled" : "Disabled");
        c.put("StateTransitionReason", "USER_INITIATED");
        c.put("BatchSize", m.queue().eventSourceMapping().batchSize());
        c.put(
                "MaximumBatchingWindowInSeconds",
                m.queue().eventSourceMapping().maxBatchingWindow().toSeconds());
        c.putObject("ScalingConfig")
                .put("MaximumConcurrency", m.queue().eventSourceMapping().maximumConcurrency());
        c.putArray("FunctionResponseTypes").add("ReportBatchItemFailures");
        c.put("LastModified", m.lastModified().toEpochMilli() / 1000.0);
        c.put("LastProcessingResult", "OK");
        return c;
    }

    private String functionArn(EventSourceMappingEmulator m) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:"
                + m.function().name() + ":live";
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        reply(exchange, status, body);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        LoopbackHttpServer.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        http.close();
    }
}
