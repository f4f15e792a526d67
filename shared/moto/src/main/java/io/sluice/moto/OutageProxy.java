package io.sluice.moto;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of an emulator (moto's DynamoDB) for fault tests and the chaos benchmark,
 * forwarding every request until it is
 * {@linkplain #down(boolean) taken down}; then it answers every request with HTTP 503 and an AWS
 * {@code ServiceUnavailable} error body, as DynamoDB does in an outage, so a store's behaviour under an outage is
 * tested with the real SDK, its retries and the real emulator behind it.
 */
public final class OutageProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "content-length",
            "host",
            "transfer-encoding",
            "expect",
            "upgrade",
            "keep-alive",
            "date",
            "from",
            "via",
            "warning");

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4);
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong delayMillis = new java.util.concurrent.atomic.AtomicLong();

    private OutageProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A proxy to {@code target}, up. */
    public static OutageProxy to(URI target) {
        try {
            return new OutageProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients should send their requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts ({@code true}) or ends an outage. */
    public void down(boolean value) {
        down.set(value);
    }

    /**
     * Holds every request this long before forwarding it (zero: none): a store that answers, but late, as a busy
     * emulator or a throttled table does, so a test can make an invocation's deadline fall inside a store write.
     */
    public void delay(java.time.Duration value) {
        delayMillis.set(value.toMillis());
    }

    /** Requests answered with 503 so far. */
    public int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long delay = delayMillis.get();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (down.get()) {
                refused.incrementAndGet();
                byte[] error =
                        "{\"__type\":\"com.amazon.coral.availability#ServiceUnavailableException\",\"message\":\"outage\"}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(503, error.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(error);
                }
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
