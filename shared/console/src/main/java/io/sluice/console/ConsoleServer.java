package io.sluice.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.ops.OperationException;
import io.sluice.ops.SluiceOperations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sluice console: a web UI on 127.0.0.1 for the operator of one app, against sluice-local or, with the
 * operator's own credentials, against AWS, so authorisation on AWS is IAM and nothing new is deployed or exposed.
 * Pages are rendered here (Mustache), htmx refreshes the overview, uPlot draws the charts; both scripts are served
 * from the jar, so the console needs no Node and no internet. Every page's data and every action goes through
 * {@link SluiceOperations}, the same calls the CLI and the Jobs HTTP API make.
 *
 * <p>Served by the JDK's own HTTP server (no dependency, loopback only, a handful of requests a second at most).
 * {@link RequestGuard} refuses other hosts and forged forms; read-only mode hides and refuses every action.
 *
 * <pre>{@code
 * try (ConsoleServer console = ConsoleServer.start(ops, ConsoleOptions.DEFAULT)) {
 *     System.out.println("console: " + console.uri());
 * }
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConsoleOptions options;
    private final RequestGuard guard;
    private final Layout layout;
    private final OverviewPage overview;
    private final TypePage typePage;
    private final JobPage jobPage;
    private final DeadLettersPage deadLettersPage;
    private final SchedulesPage schedulesPage;
    private final Actions actions;
    private final Assets assets = new Assets();

    private ConsoleServer(SluiceOperations ops, ConsoleOptions options, HttpServer server) {
        this.server = server;
        this.options = options;
        this.guard = new RequestGuard(server.getAddress().getPort());
        Templates templates = new Templates();
        this.layout = new Layout(ops, templates, options, guard.token());
        this.overview = new OverviewPage(layout);
        this.typePage = new TypePage(layout);
        this.jobPage = new JobPage(layout);
        this.deadLettersPage = new DeadLettersPage(layout);
        this.schedulesPage = new SchedulesPage(layout);
        this.actions = new Actions(layout, templates, typePage);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sluice-console");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts the console on 127.0.0.1.
     *
     * @throws IOException when the port is taken; the message names it
     */
    public static ConsoleServer start(SluiceOperations ops, ConsoleOptions options) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        } catch (java.net.BindException e) {
            throw new IOException(
                    "console port " + options.port() + " on 127.0.0.1 is taken (another console or"
                            + " sluice-local?); pick another with --console-port, or 0 for any free port",
                    e);
        }
        ConsoleServer console = new ConsoleServer(ops, options, server);
        server.start();
        return console;
    }

    /** Where the console answers: {@code http://127.0.0.1:<port>/}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public boolean readOnly() {
        return options.readOnly();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ConsoleResponse response;
            try {
                response = respond(exchange);
            } catch (OperationException e) {
                response = layout.error(e.kind().httpStatus(), title(e.kind()), e.getMessage());
            } catch (IllegalArgumentException e) {
                response = layout.error(400, "Bad request", e.getMessage());
            } catch (RuntimeException e) {
                // AWS or the emulators failed: say so plainly; the log keeps the trace for whoever runs the console.
                LOG.warn("console request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = layout.error(
                        502,
                        "Sluice did not answer",
                        "The operation failed (" + e.getClass().getSimpleName() + "): check that sluice-local is up,"
                                + " or your AWS credentials and region, then reload.");
            }
            send(exchange, response);
        }
    }

    private ConsoleResponse respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        if (path.startsWith("/assets/") && "GET".equals(method)) {
            return assets.get(path.substring("/assets/".length()))
                    .orElseGet(() -> layout.error(404, "Not found", "no console asset " + path));
        }
        String form = "POST".equals(method) ? readForm(exchange) : "";
        ConsoleRequest request = ConsoleRequest.of(
                method,
                path,
                uri.getRawQuery(),
                form,
                exchange.getRequestHeaders().containsKey("HX-Request"));
        if ("POST".equals(method)
                && options.readOnly()
                && guard.refusal("GET", host(exchange), null, null).isEmpty()) {
            return layout.error(
                    403,
                    "Read-only console",
                    "this console was started with --read-only: it shows"
                            + " Sluice and changes nothing; start it without --read-only to act");
        }
        Optional<String> refusal = guard.refusal(
                method,
                host(exchange),
                exchange.getRequestHeaders().getFirst("Origin"),
                request.field("token").orElse(null));
        if (refusal.isPresent()) {
            return layout.error(403, "Refused", refusal.get());
        }
        if ("POST".equals(method) && options.readOnly()) {
            return layout.error(
                    403,
                    "Read-only console",
                    "this console was started with --read-only: it shows"
                            + " Sluice and changes nothing; start it without --read-only to act");
        }
        String first = request.segment(0);
        int n = request.segments().size();
        if ("GET".equals(method)) {
            if (n == 0) {
                return overview.render(false);
            }
            if (first.equals("overview") && n == 1) {
                return overview.render(true);
            }
            if (first.equals("types") && n == 2) {
                return typePage.render(request.segment(1), request, null);
            }
            if (first.equals("jobs") && n == 1) {
                return request.param("id")
                        .map(id -> ConsoleResponse.seeOther("/jobs/" + encode(id)))
                        .orElseGet(() -> layout.error(400, "No job id", "type a job id in the search box"));
            }
            if (first.equals("jobs") && n == 2) {
                return job(request.segment(1), request.param("payload").isPresent());
            }
            if (first.equals("dlq") && n == 2) {
                return deadLettersPage.render(request.segment(1), null);
            }
            if (first.equals("schedules") && n == 1) {
                return schedulesPage.render(null, request.param("page").orElse(null));
            }
        }
        if ("POST".equals(method) && n == 3) {
            String name = request.segment(1);
            String verb = request.segment(2);
            switch (first + "/" + verb) {
                case "types/pause" -> {
                    return actions.pause(name, request, true);
                }
                case "types/resume" -> {
                    return actions.pause(name, request, false);
                }
                case "dlq/redrive" -> {
                    return actions.redrive(name, request);
                }
                case "dlq/discard" -> {
                    return actions.discard(name, request);
                }
                case "jobs/cancel" -> {
                    return actions.cancel(name, request);
                }
                case "jobs/retry" -> {
                    return actions.retryJob(name, request);
                }
                case "schedules/delete" -> {
                    return actions.deleteSchedule(name, request);
                }
                default -> {}
            }
        }
        return layout.error(
                404, "Not found", "the console has no page " + method + " " + path + "; start from the overview");
    }

    /** A job page, or, for an id nobody knows, a page saying where it was looked for, with cancel if it may be queued. */
    private ConsoleResponse job(String jobId, boolean payload) {
        try {
            return jobPage.render(jobId, payload, null);
        } catch (OperationException e) {
            if (e.kind() != OperationException.Kind.NOT_FOUND) {
                throw e;
            }
            Map<String, Object> scope = layout.scope("Job " + jobId);
            scope.put("jobId", jobId);
            scope.put("message", e.getMessage());
            return layout.page(404, "job-missing", scope);
        }
    }

    private static String host(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Host");
    }

    private static String title(OperationException.Kind kind) {
        return switch (kind) {
            case INVALID -> "Bad request";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Not possible now";
            default -> "Refused";
        };
    }

    private static String readForm(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new IllegalArgumentException("the form is over " + MAX_FORM_BYTES + " bytes; select fewer");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void send(HttpExchange exchange, ConsoleResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        if (response.location() != null) {
            headers.set("Location", response.location());
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
