package io.sluice.local.api;

import com.sun.net.httpserver.HttpExchange;
import io.sluice.local.http.LoopbackHttpServer;
import io.sluice.local.http.UrlForm;
import io.sluice.ops.http.ApiRequest;
import io.sluice.ops.http.ApiResponse;
import io.sluice.ops.http.JobsApi;
import io.sluice.ops.http.LoopbackGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * The Jobs HTTP API on 127.0.0.1, for sluice-local: the JDK's HTTP server handing every request to the same
 * {@link JobsApi} router the API Lambda runs on AWS. On AWS, API Gateway authorises every route with IAM; here
 * the {@link LoopbackGuard} keeps web pages out (a foreign {@code Host} or {@code Origin}, a write without this
 * instance's token or not sent as JSON is refused before the router sees it). Bodies over
 * {@link JobsApi#MAX_BODY_BYTES} are refused with 413 before they are read whole.
 */
public final class LocalApiServer implements AutoCloseable {
    private final LoopbackHttpServer http;
    private final JobsApi api;
    private final LoopbackGuard guard;

    private LocalApiServer(LoopbackHttpServer http, JobsApi api, LoopbackGuard guard) {
        this.http = http;
        this.api = api;
        this.guard = guard;
    }

    /**
     * Starts on {@code 127.0.0.1:port} (0: any free port).
     *
     * @param token the token writes must carry in {@value LoopbackGuard#TOKEN_HEADER}
     * @param trustedOriginPorts loopback ports whose pages may call the API from a browser (the console's), or none
     */
    public static LocalApiServer start(int port, JobsApi api, String token, Collection<Integer> trustedOriginPorts) {
        LoopbackHttpServer http = LoopbackHttpServer.bind("the Jobs HTTP API", port, "--api-port", "jobs-api", 4);
        LoopbackGuard guard = new LoopbackGuard(http.endpoint().getPort(), token, trustedOriginPorts);
        LocalApiServer local = new LocalApiServer(http, api, guard);
        http.serve(local::handle);
        return local;
    }

    public URI endpoint() {
        return http.endpoint();
    }

    /** The token writes must carry. */
    public String token() {
        return guard.token();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var headers = exchange.getRequestHeaders();
            Optional<LoopbackGuard.Refusal> refusal = guard.refusal(
                    exchange.getRequestMethod(),
                    headers.getFirst("Host"),
                    headers.getFirst("Origin"),
                    headers.getFirst("Content-Type"),
                    headers.getFirst(LoopbackGuard.TOKEN_HEADER),
                    true);
            if (refusal.isPresent()) {
                exchange.getRequestBody().close(); // never read: nothing from a refused request is looked at
                send(
                        exchange,
                        new ApiResponse(refusal.get().status(), refusal.get().json()));
                return;
            }
            String body = read(exchange.getRequestBody());
            ApiResponse response = body == null
                    ? new ApiResponse(
                            413,
                            "{\"error\":\"too-large\",\"message\":\"the request body is over " + JobsApi.MAX_BODY_BYTES
                                    + " bytes\"}")
                    : api.handle(new ApiRequest(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getPath(),
                            UrlForm.query(exchange.getRequestURI().getRawQuery()),
                            body));
            send(exchange, response);
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        LoopbackHttpServer.send(
                exchange,
                response.status(),
                ApiResponse.CONTENT_TYPE,
                response.json().getBytes(StandardCharsets.UTF_8));
    }

    /** The body, or {@code null} when it is over the limit. */
    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(JobsApi.MAX_BODY_BYTES + 1);
        return bytes.length > JobsApi.MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
