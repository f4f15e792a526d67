package io.sluice.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server bound to 127.0.0.1 with its own small pool of daemon threads: what each of sluice-local's
 * emulated AWS APIs (Lambda's event source mappings, CloudWatch) and the Jobs HTTP API stand on. Binding fails with
 * one line naming the API, the port and the option that moves it, since a taken port almost always means another
 * sluice-local is up.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code 127.0.0.1:port} (0: any free port); nothing is served until {@link #serve}.
     *
     * @param what the API as a message names it, e.g. {@code "the Lambda API emulator"}
     * @param portOption the command-line option that picks another port, e.g. {@code "--lambda-port"}
     * @throws IllegalStateException when the port cannot be bound, saying so in one line
     */
    public static LoopbackHttpServer bind(String what, int port, String portOption, String threadName, int threads) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new IllegalStateException(what + " could not listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another sluice-local up? Pick another port with " + portOption);
        } catch (IOException e) {
            throw new IllegalStateException(what + " could not start: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        return new LoopbackHttpServer(server, executor);
    }

    /** Starts answering every path with {@code handler}. */
    public void serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
    }

    /**
     * Answers {@code exchange} with {@code status} and {@code body} as {@code contentType}, after any headers the caller
     * set; for every server of sluice-local's APIs, this one's or not.
     */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
