package io.sluice.functions.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port speaking the part of Secrets Manager's wire format
 * the source uses: {@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue} and an
 * {@code application/x-amz-json-1.1} body {@code {"SecretId": …}}, answered with the secret or an error
 * {@code {"__type": "ResourceNotFoundException", "Message": …}} as the service documents it.
 */
final class SecretsManagerStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> requestedIds = new CopyOnWriteArrayList<>();
    private volatile String failWith;

    SecretsManagerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String id = body.path("SecretId").asText(null);
            requestedIds.add(id);
            int status;
            String answer;
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                status = 400;
                answer = error("UnknownOperationException", "unexpected target " + target);
            } else if (failWith != null) {
                status = 400;
                answer = error(failWith, "User: arn:aws:sts::000000000000:assumed-role/x is not authorized");
            } else if (!secrets.containsKey(id)) {
                status = 400;
                answer = error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            } else {
                status = 200;
                answer = JSON.createObjectNode()
                        .put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id + "-AbCdEf")
                        .put("Name", id)
                        .put("SecretString", secrets.get(id))
                        .put("VersionId", "v1")
                        .set("VersionStages", JSON.createArrayNode().add("AWSCURRENT"))
                        .toString();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private static String error(String type, String message) {
        return JSON.createObjectNode()
                .put("__type", type)
                .put("Message", message)
                .toString();
    }

    SecretsManagerStandIn with(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    /** Answers every request with this AWS error code from now on. */
    void failWith(String errorCode) {
        this.failWith = errorCode;
    }

    List<String> requestedIds() {
        return List.copyOf(requestedIds);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
