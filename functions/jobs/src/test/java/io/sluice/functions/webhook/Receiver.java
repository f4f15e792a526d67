package io.sluice.functions.webhook;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (or HTTPS) receiver on 127.0.0.1 and an ephemeral port, built on the JDK's HttpServer. It records
 * every request it gets and answers with the status and headers the test programmed, or, when told to
 * hang, holds the request open until the test ends.
 */
final class Receiver implements AutoCloseable {
    /** One request as it arrived. */
    record Request(String method, String pathAndQuery, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile Map<String, String> responseHeaders = Map.of();
    private volatile boolean hang;

    Receiver() throws IOException {
        this(null);
    }

    /** An HTTPS receiver when {@code tls} is given (its key and certificate), plain HTTP otherwise. */
    Receiver(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    body));
            if (hang) {
                try {
                    release.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            responseHeaders.forEach(
                    (name, value) -> exchange.getResponseHeaders().add(name, value));
            // -1: no response body, which is also what 204 and 304 require.
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** Answers every request with this status and these headers. */
    Receiver answering(int newStatus, Map<String, String> headers) {
        this.status = newStatus;
        this.responseHeaders = Map.copyOf(headers);
        return this;
    }

    Receiver answering(int newStatus) {
        return answering(newStatus, Map.of());
    }

    /** Holds every request open until {@link #close()}. */
    Receiver hanging() {
        this.hang = true;
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size());
        }
        return requests.get(0);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
