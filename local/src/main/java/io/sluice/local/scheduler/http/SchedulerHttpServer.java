package io.sluice.local.scheduler.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.local.http.LoopbackHttpServer;
import io.sluice.local.scheduler.ScheduleRegistry;
import io.sluice.local.scheduler.SchedulerError;
import io.sluice.local.scheduler.SchedulerException;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EventBridge Scheduler API over HTTP on loopback, in the restJson1 protocol of the service model, so
 * that the AWS SDKs' {@code SchedulerClient}, the AWS CLI ({@code aws scheduler … --endpoint-url}) and
 * Sluice's producer client work against it unchanged. It routes each request to its {@link SchedulerAction}
 * and writes errors as the SDKs read them: the status of the error's shape, its code in the
 * {@code x-amzn-ErrorType} header and the {@code __type} member, and the text in {@code Message}.
 *
 * <p>Requests are not signature-checked (any credentials do), as with ElasticMQ and moto. Built on
 * the JDK's {@code com.sun.net.httpserver}: a handful of small JSON requests needs no more.
 */
public final class SchedulerHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEDULES = "schedules";
    private static final String GROUPS = "schedule-groups";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final Map<String, SchedulerAction> routes = new HashMap<>();

    private SchedulerHttpServer(HttpServer server, ExecutorService executor, ScheduleRegistry registry) {
        this.server = server;
        this.executor = executor;
        InetSocketAddress address = server.getAddress();
        this.endpoint = URI.create("http://" + address.getHostString() + ":" + address.getPort());
        routes.put(route("POST", SCHEDULES, true), new CreateScheduleAction(registry));
        routes.put(route("GET", SCHEDULES, true), new GetScheduleAction(registry));
        routes.put(route("PUT", SCHEDULES, true), new UpdateScheduleAction(registry));
        routes.put(route("DELETE", SCHEDULES, true), new DeleteScheduleAction(registry));
        routes.put(route("GET", SCHEDULES, false), new ListSchedulesAction(registry));
        routes.put(route("POST", GROUPS, true), new CreateScheduleGroupAction(registry));
        routes.put(route("GET", GROUPS, true), new GetScheduleGroupAction(registry));
        routes.put(route("DELETE", GROUPS, true), new DeleteScheduleGroupAction(registry));
        routes.put(route("GET", GROUPS, false), new ListScheduleGroupsAction(registry));
    }

    /**
     * Serves {@code registry} on {@code host:port} (port 0: any free port).
     *
     * @throws IllegalStateException when the port is taken, saying which flag picks another
     */
    public static SchedulerHttpServer start(String host, int port, ScheduleRegistry registry) {
        // The JDK server writes a response's headers and body separately; with Nagle on, the body waits for the
        // client's delayed ACK (tens of ms) on every small answer. Read once per JVM, so it only helps when no JDK
        // HttpServer started before this one; -Dsun.net.httpserver.nodelay=true on the command line always does.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new IllegalStateException(
                    "the scheduler emulator could not listen on " + host + ":" + port + " (" + e.getMessage()
                            + "); is another sluice-local running? Pick another port with --scheduler-port",
                    e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the scheduler emulator could not start on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sluice-scheduler-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        SchedulerHttpServer api = new SchedulerHttpServer(server, executor, registry);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    /** {@code http://127.0.0.1:<port>}, for {@code endpointOverride} and {@code --endpoint-url}. */
    public URI endpoint() {
        return endpoint;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            try {
                respond(exchange, 200, dispatch(exchange), null);
            } catch (SchedulerException e) {
                respond(
                        exchange,
                        e.error().status(),
                        error(e.error(), e.getMessage()),
                        e.error().code());
            } catch (RuntimeException e) {
                LOG.error(
                        "scheduler API request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                respond(
                        exchange,
                        SchedulerError.INTERNAL_SERVER.status(),
                        error(SchedulerError.INTERNAL_SERVER, e.toString()),
                        SchedulerError.INTERNAL_SERVER.code());
            }
        } finally {
            exchange.close();
        }
    }

    private JsonNode dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String[] segments =
                exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "").split("/");
        boolean named = segments.length == 2;
        SchedulerAction action = segments.length <= 2 ? routes.get(route(method, segments[0], named)) : null;
        if (action == null) {
            throw new SchedulerException(
                    SchedulerError.UNKNOWN_OPERATION,
                    "sluice-local's scheduler does not implement " + method + " "
                            + exchange.getRequestURI().getPath()
                            + "; it serves the schedule and schedule group operations"
                            + " (Create/Get/Update/Delete/ListSchedules, Create/Get/Delete/ListScheduleGroups)");
        }
        String name = named ? URLDecoder.decode(segments[1], StandardCharsets.UTF_8) : null;
        return action.handle(
                new ApiRequest(name, query(exchange.getRequestURI().getRawQuery()), body(exchange.getRequestBody())));
    }

    private static String route(String method, String collection, boolean named) {
        return method + " /" + collection + (named ? "/{Name}" : "");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static JsonNode body(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return RequestFields.emptyBody();
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new SchedulerException(SchedulerError.SERIALIZATION, "the request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new SchedulerException(
                    SchedulerError.SERIALIZATION, "the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode error(SchedulerError error, String message) {
        return JsonNodeFactory.instance.objectNode().put("__type", error.code()).put("Message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body, String errorType) throws IOException {
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        LoopbackHttpServer.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
