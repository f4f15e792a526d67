package io.sluice.local.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Amazon SES v2 on 127.0.0.1 and an ephemeral port, speaking the REST-JSON wire format the
 * AWS SDK uses for {@code SendEmail}: {@code POST /v2/email/outbound-emails} with a JSON body, answered with
 * {@code 200 {"MessageId": ...}} or an error shape, {@code x-amzn-ErrorType: <code>} and
 * {@code {"message": ...}}, from which the SDK builds its modelled exceptions ({@code MessageRejectedException},
 * {@code TooManyRequestsException}, ...). It does not check signatures.
 *
 * <p>Answers are scripted per first {@code To} address, so several jobs can run at once: each request for
 * that address takes the next scripted answer, and a request with nothing scripted succeeds.
 */
public final class SesStandIn implements AutoCloseable {
    public static final String PATH = "/v2/email/outbound-emails";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    public record Request(Instant at, String method, String path, String authorization, JsonNode body) {
        public String firstTo() {
            JsonNode to = body.path("Destination").path("ToAddresses");
            return to.isArray() && !to.isEmpty() ? to.get(0).asText() : "";
        }
    }

    /** What to answer: a status, and for errors SES's error code and message. */
    public record Answer(int status, String errorType, String message) {
        public static Answer ok() {
            return new Answer(200, null, null);
        }

        public static Answer error(int status, String errorType, String message) {
            return new Answer(status, errorType, message);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> messageIds = new ConcurrentHashMap<>();

    public SesStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The endpoint to configure as {@code AWS_ENDPOINT_URL_SESV2}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next requests to {@code firstTo} with these, in order; then success. */
    public SesStandIn script(String firstTo, Answer... answers) {
        scripts.put(firstTo, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsTo(String firstTo) {
        return requests.stream().filter(r -> r.firstTo().equals(firstTo)).toList();
    }

    /** The message id the stand-in returned for a successful send to {@code firstTo}. */
    public String messageIdFor(String firstTo) {
        return messageIds.get(firstTo);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Request request = new Request(
                    Instant.now(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body);
            requests.add(request);
            if (!"POST".equals(request.method()) || !PATH.equals(request.path())) {
                respond(exchange, 404, "NotFoundException", "the stand-in serves only POST " + PATH);
                return;
            }
            Deque<Answer> script = scripts.get(request.firstTo());
            Answer answer;
            synchronized (this) {
                answer = script == null || script.isEmpty() ? Answer.ok() : script.poll();
            }
            if (answer.status() == 200) {
                String id = "0100019" + UUID.randomUUID().toString().replace("-", "") + "-000000";
                messageIds.put(request.firstTo(), id);
                send(
                        exchange,
                        200,
                        Map.of(),
                        JSON.createObjectNode().put("MessageId", id).toString());
            } else {
                respond(exchange, answer.status(), answer.errorType(), answer.message());
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String errorType, String message)
            throws IOException {
        // The shape SES v2 uses: the error code in x-amzn-ErrorType (with a namespace suffix), the message in the body.
        send(
                exchange,
                status,
                Map.of("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/"),
                JSON.createObjectNode().put("message", message).toString());
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
