package io.sluice.local.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Discord's Execute Webhook on 127.0.0.1 and an ephemeral port: {@code POST
 * /api/webhooks/<id>/<token>[?wait=true]} with a JSON body, answered as Discord documents it: with
 * {@code wait=true} a 200 and the created message object, else 204; a wrong token 401 {@code Invalid Webhook
 * Token} (code 50027), an unknown id 404 {@code Unknown Webhook} (code 10015); a 429 with
 * {@code retry_after}, {@code global}, {@code Retry-After} and {@code X-RateLimit-*} headers; and any error a
 * test scripts, with Discord's {@code {"message", "code"}} body.
 *
 * <p>Webhooks are registered with their token; answers are scripted per webhook id, so several jobs can run
 * at once. A request with nothing scripted succeeds.
 */
public final class DiscordStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/api(?:/v\\d+)?/webhooks/(\\d+)/([^/]+)/?");

    /** One request as it arrived. */
    public record Request(
            Instant at, String webhookId, String query, String userAgent, String contentType, JsonNode body) {}

    /** A scripted answer: status, extra headers and the JSON body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** Discord's 429: the body's retry_after in seconds (a float) and the global flag, with the headers Discord sends. */
        public static Answer rateLimited(double retryAfterSeconds, boolean global) {
            String retryAfterHeader = Long.toString((long) Math.ceil(retryAfterSeconds));
            Map<String, String> headers = global
                    ? Map.of(
                            "Retry-After",
                            retryAfterHeader,
                            "X-RateLimit-Global",
                            "true",
                            "X-RateLimit-Scope",
                            "global")
                    : Map.of(
                            "Retry-After",
                            retryAfterHeader,
                            "X-RateLimit-Limit",
                            "5",
                            "X-RateLimit-Remaining",
                            "0",
                            "X-RateLimit-Reset-After",
                            Double.toString(retryAfterSeconds),
                            "X-RateLimit-Bucket",
                            "abcd1234",
                            "X-RateLimit-Scope",
                            "user");
            return new Answer(
                    429,
                    headers,
                    JSON.createObjectNode()
                            .put("message", "You are being rate limited.")
                            .put("retry_after", retryAfterSeconds)
                            .put("global", global)
                            .toString());
        }

        /** An error as Discord words it: {@code {"message": ..., "code": ...}}. */
        public static Answer error(int status, String message, int code) {
            return new Answer(
                    status,
                    Map.of(),
                    JSON.createObjectNode()
                            .put("message", message)
                            .put("code", code)
                            .toString());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong nextMessageId = new AtomicLong(1177299436612575232L);
    private final Map<String, String> lastMessageIds = new ConcurrentHashMap<>();

    public DiscordStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Registers a webhook and returns its URL, as Discord shows it to whoever creates it. */
    public String webhook(String id, String token) {
        tokens.put(id, token);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/" + id + "/" + token;
    }

    /** Answers the next requests to webhook {@code id} with these, in order; then success. */
    public DiscordStandIn script(String id, Answer... answers) {
        scripts.put(id, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    public List<Request> requestsTo(String id) {
        return requests.stream().filter(r -> r.webhookId().equals(id)).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The id of the last message created through webhook {@code id}. */
    public String lastMessageId(String id) {
        return lastMessageIds.get(id);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            String id = path.matches() ? path.group(1) : "";
            requests.add(new Request(
                    Instant.now(),
                    id,
                    exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            if (!path.matches() || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, Answer.error(405, "405: Method Not Allowed", 0));
                return;
            }
            String token = tokens.get(id);
            if (token == null) {
                send(exchange, Answer.error(404, "Unknown Webhook", 10015));
                return;
            }
            if (!token.equals(path.group(2))) {
                send(exchange, Answer.error(401, "Invalid Webhook Token", 50027));
                return;
            }
            Answer scripted;
            synchronized (this) {
                Deque<Answer> script = scripts.get(id);
                scripted = script == null ? null : script.poll();
            }
            if (scripted != null) {
                send(exchange, scripted);
            } else if ("wait=true".equals(exchange.getRequestURI().getQuery())) {
                send(exchange, new Answer(200, Map.of(), message(id, body).toString()));
            } else {
                send(exchange, new Answer(204, Map.of(), ""));
            }
        }
    }

    /** The message object Discord returns with {@code wait=true}, trimmed to the fields that matter here. */
    private ObjectNode message(String webhookId, JsonNode request) {
        String messageId = Long.toString(nextMessageId.getAndIncrement());
        lastMessageIds.put(webhookId, messageId);
        ObjectNode message = JSON.createObjectNode()
                .put("id", messageId)
                .put("type", 0)
                .put("channel_id", "199737254929760256")
                .put("webhook_id", webhookId)
                .put("content", request.path("content").asText(""))
                .put("timestamp", Instant.now().toString());
        message.set("embeds", request.path("embeds").isArray() ? request.get("embeds") : JSON.createArrayNode());
        message.putObject("author")
                .put("id", webhookId)
                .put("username", request.path("username").asText("Sluice"))
                .put("bot", true);
        return message;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (bytes.length > 0) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
