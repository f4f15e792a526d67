package io.sluice.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's webhook receiver, a real HTTP server on loopback that behaves like the services webhooks
 * meet in practice, chosen by path: {@code /ok} answers 200; {@code /flaky} answers 503 to the first
 * attempt; {@code /slow-down} answers 429 with {@code Retry-After: 1} to the first attempt; {@code /broken}
 * always answers 500; {@code /gone} answers 404. It checks every request's signature the way the webhook
 * documentation tells receivers to, and counts what it saw.
 */
public final class DemoReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] secret;
    private final Map<String, AtomicLong> requestsByPath = new ConcurrentHashMap<>();
    private final AtomicLong badSignatures = new AtomicLong();
    /** 2xx answers per Sluice-Job-Id: a job answered twice had its side effect twice. */
    private final Map<String, AtomicLong> successesByJob = new ConcurrentHashMap<>();

    private DemoReceiver(HttpServer server, ExecutorService executor, byte[] secret) {
        this.server = server;
        this.executor = executor;
        this.secret = secret;
    }

    public static DemoReceiver start(String secret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        ExecutorService executor = Executors.newFixedThreadPool(32);
        DemoReceiver receiver = new DemoReceiver(server, executor, secret.getBytes(StandardCharsets.UTF_8));
        server.createContext("/", receiver::handle);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public long requests(String path) {
        AtomicLong n = requestsByPath.get(path);
        return n == null ? 0 : n.get();
    }

    public long badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            requestsByPath.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
            if (!signatureValid(exchange, body)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            int attempt = parseInt(exchange.getRequestHeaders().getFirst("Sluice-Attempt"));
            int status = switch (path) {
                case "/ok" -> 200;
                case "/flaky" -> attempt <= 1 ? 503 : 200;
                case "/slow-down" -> {
                    if (attempt <= 1) {
                        exchange.getResponseHeaders().add("Retry-After", "1");
                        yield 429;
                    }
                    yield 200;
                }
                case "/broken" -> 500;
                default -> 404;
            };
            if (status / 100 == 2) {
                String jobId = exchange.getRequestHeaders().getFirst("Sluice-Job-Id");
                successesByJob
                        .computeIfAbsent(jobId == null ? "?" : jobId, j -> new AtomicLong())
                        .incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** Jobs the receiver answered with success more than once: side effects that happened twice. */
    public long doubleSideEffects() {
        return successesByJob.values().stream().filter(n -> n.get() > 1).count();
    }

    private boolean signatureValid(HttpExchange exchange, byte[] body) {
        String timestamp = exchange.getRequestHeaders().getFirst("Sluice-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("Sluice-Signature");
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            StringBuilder hex = new StringBuilder("v1=");
            for (byte b : expected) {
                hex.append(String.format("%02x", b));
            }
            return java.security.MessageDigest.isEqual(
                    hex.toString().getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
