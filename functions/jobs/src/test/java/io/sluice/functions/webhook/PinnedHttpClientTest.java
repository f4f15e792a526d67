package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.functions.testing.FixedJobContext;
import io.sluice.job.JobConfig;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a webhook request reaches its receiver: only at the address the guard checked (DNS rebinding), with TLS
 * checked against the URL's host name, and what the small HTTP/1.1 client makes of odd answers. Every request
 * crosses a real socket to a real server on 127.0.0.1; the {@link SocketConnector} seam stands in for the
 * internet by sending a public-looking checked address to that server.
 */
class PinnedHttpClientTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final FixedJobContext CONTEXT =
            new FixedJobContext("job-1", "webhook", 1, NOW.plusSeconds(30), CLOCK);
    private static final InetAddress PUBLIC = address("93.184.216.34");
    private static final InetAddress PUBLIC_2 = address("93.184.216.35");

    private Receiver receiver;
    private final List<InetSocketAddress> dialled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return SluiceJson.mapper().readTree(text);
    }

    /** Records where each connection was asked to go, and delivers it to {@code port} on loopback instead. */
    private SocketConnector toLoopback(int port) {
        return (target, timeout) -> {
            dialled.add(target);
            return SocketConnector.system()
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
        };
    }

    private static WebhookJob job(
            Map<String, String> config,
            HostResolver resolver,
            SocketConnector connector,
            Supplier<SSLSocketFactory> tls) {
        return new WebhookJob(JobConfig.fromMap(config), CLOCK, resolver, connector, tls);
    }

    private static Supplier<SSLSocketFactory> noTls() {
        return () -> {
            throw new AssertionError("no https request was made, so no TLS context may be built");
        };
    }

    @Test
    void connectsToTheAddressTheGuardCheckedAndNeverLooksTheNameUpAgain() throws Exception {
        // A rebinding DNS server: a public address for the check, loopback for any later lookup.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding =
                host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? PUBLIC : InetAddress.getLoopbackAddress()};
        String url = "http://hooks.example.com:" + receiver.port() + "/orders?id=7";

        JobResult result = job(Map.of(), rebinding, toLoopback(receiver.port()), noTls())
                .handle(WebhookPayload.post(url, json("{\"id\":7}")), CONTEXT);

        assertEquals("HTTP 200", result.summary());
        assertEquals(1, lookups.get());
        assertEquals(List.of(new InetSocketAddress(PUBLIC, receiver.port())), dialled);
        Receiver.Request request = receiver.onlyRequest();
        assertEquals("hooks.example.com:" + receiver.port(), request.header("Host"));
        assertEquals("/orders?id=7", request.pathAndQuery());
        assertEquals("{\"id\":7}", new String(request.body(), StandardCharsets.UTF_8));
    }

    @Test
    void neverConnectsWhenTheCheckedAddressIsRefused() throws Exception {
        SocketConnector mustNotDial = (target, timeout) -> {
            throw new AssertionError("dialled " + target + " although the guard refused it");
        };

        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class,
                () -> job(Map.of(), host -> new InetAddress[] {address("10.0.0.7")}, mustNotDial, noTls())
                        .handle(WebhookPayload.post("http://hooks.example.com/x", json("{}")), CONTEXT));

        assertEquals(
                "url host hooks.example.com resolves to a private address (10.0.0.7); allow-list it with SLUICE_WEBHOOK_ALLOW_HOSTS"
                        + " (10.0.0.7:80 allows this port only)",
                failure.getMessage());
    }

    @Test
    void triesTheNextCheckedAddressWhenOneRefusesTheConnection() throws Exception {
        SocketConnector firstRefuses = (target, timeout) -> {
            dialled.add(target);
            if (target.getAddress().equals(PUBLIC)) {
                throw new ConnectException("Connection refused");
            }
            return SocketConnector.system()
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.port()), timeout);
        };

        JobResult result = job(Map.of(), host -> new InetAddress[] {PUBLIC, PUBLIC_2}, firstRefuses, noTls())
                .handle(WebhookPayload.post("http://hooks.example.com:" + receiver.port() + "/x", json("{}")), CONTEXT);

        assertEquals("HTTP 200", result.summary());
        assertEquals(
                List.of(
                        new InetSocketAddress(PUBLIC, receiver.port()),
                        new InetSocketAddress(PUBLIC_2, receiver.port())),
                dialled);
    }

    @Test
    void checksTheCertificateAgainstTheUrlsHostNameAndBuildsTlsOnlyWhenFirstNeeded(@TempDir Path keys)
            throws Exception {
        TestCertificate certificate = TestCertificate.forName("hooks.example.test", keys);
        AtomicInteger built = new AtomicInteger();
        SSLSocketFactory trusting = certificate.clientFactory();
        Supplier<SSLSocketFactory> tls = () -> {
            built.incrementAndGet();
            return trusting;
        };
        try (Receiver https = new Receiver(certificate.serverContext())) {
            WebhookJob job = job(Map.of(), host -> new InetAddress[] {PUBLIC}, toLoopback(https.port()), tls);
            assertEquals(0, built.get(), "the TLS context is not built at initialisation");

            JobResult first = job.handle(
                    WebhookPayload.post("https://hooks.example.test:" + https.port() + "/a", json("{}")), CONTEXT);
            JobResult second = job.handle(
                    WebhookPayload.post("https://hooks.example.test:" + https.port() + "/b", json("{}")), CONTEXT);
            RetryableJobFailure otherName = assertThrows(
                    RetryableJobFailure.class,
                    () -> job.handle(
                            WebhookPayload.post("https://other.example.test:" + https.port() + "/c", json("{}")),
                            CONTEXT));

            assertEquals("HTTP 200", first.summary());
            assertEquals("HTTP 200", second.summary());
            assertEquals("request to other.example.test failed (SSLHandshakeException)", otherName.getMessage());
            assertEquals(
                    List.of("/a", "/b"),
                    https.requests().stream()
                            .map(Receiver.Request::pathAndQuery)
                            .toList());
            assertEquals(1, built.get());
        }
    }

    @Test
    void skipsInformationalAnswersAndReadsTheFinalStatusAndRetryAfter() throws Exception {
        try (OneShotServer server =
                OneShotServer.answering("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n"
                        + "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Length: 5\r\n\r\nslow!")) {
            RetryableJobFailure failure = assertThrows(
                    RetryableJobFailure.class,
                    () -> loopbackJob().handle(WebhookPayload.post(server.url(), json("{\"a\":1}")), CONTEXT));

            assertEquals("HTTP 429 from 127.0.0.1", failure.getMessage());
            assertEquals(java.util.Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
            String head = server.request();
            assertTrue(head.startsWith("POST / HTTP/1.1\r\n"), head);
            assertTrue(head.contains("\r\nContent-Length: 7\r\n"), head);
            assertTrue(head.contains("\r\nConnection: close\r\n"), head);
        }
    }

    @Test
    void retriesAnAnswerThatIsNotHttpWithoutQuotingIt() throws Exception {
        try (OneShotServer server = OneShotServer.answering("SSH-2.0-OpenSSH_9.6 secret-banner\r\n")) {
            RetryableJobFailure failure = assertThrows(
                    RetryableJobFailure.class,
                    () -> loopbackJob().handle(WebhookPayload.post(server.url(), json("{}")), CONTEXT));

            assertEquals("request to 127.0.0.1 failed (ProtocolException)", failure.getMessage());
        }
    }

    @Test
    void refusesResponseHeadersBeyondTheirLimit() throws Exception {
        String huge = "HTTP/1.1 200 OK\r\nX-Padding: " + "a".repeat(PinnedHttpClient.MAX_HEADER_BYTES) + "\r\n\r\n";
        try (OneShotServer server = OneShotServer.answering(huge)) {
            RetryableJobFailure failure = assertThrows(
                    RetryableJobFailure.class,
                    () -> loopbackJob().handle(WebhookPayload.post(server.url(), json("{}")), CONTEXT));

            assertEquals("request to 127.0.0.1 failed (ProtocolException)", failure.getMessage());
        }
    }

    @Test
    void retriesAConnectionClosedBeforeTheHeadersEnded() throws Exception {
        try (OneShotServer server = OneShotServer.answering("HTTP/1.1 200 OK\r\nContent-")) {
            RetryableJobFailure failure = assertThrows(
                    RetryableJobFailure.class,
                    () -> loopbackJob().handle(WebhookPayload.post(server.url(), json("{}")), CONTEXT));

            assertEquals("request to 127.0.0.1 failed (ProtocolException)", failure.getMessage());
        }
    }

    @Test
    void givesTheThreadBackAtOnceWhenTheWatchdogInterruptsIt() throws Exception {
        receiver.hanging();
        WebhookJob job = loopbackJob();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                job.handle(WebhookPayload.post(receiver.url("/slow"), json("{}")), CONTEXT);
                ended.set(new AssertionError("the request returned although the receiver never answered"));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        worker.start();
        while (receiver.requests().isEmpty() && worker.isAlive()) {
            Thread.onSpinWait();
        }

        worker.interrupt();
        // Far below the 20-second read timeout: only the interrupt can end it this soon.
        worker.join(Duration.ofSeconds(10).toMillis());

        assertInstanceOf(InterruptedException.class, ended.get());
    }

    private static WebhookJob loopbackJob() {
        return new WebhookJob(
                JobConfig.fromMap(Map.of(HostAllowList.CONFIG_KEY, "loopback")), CLOCK, HostResolver.system());
    }

    /** Answers the first connection with fixed bytes, then closes it: for answers no real HTTP server gives. */
    private static final class OneShotServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;
        private final AtomicReference<String> request = new AtomicReference<>("");

        private OneShotServer(String answer) throws Exception {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    request.set(readHead(client.getInputStream()));
                    client.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } catch (Exception e) {
                    request.set("server failed: " + e);
                }
            });
            thread.start();
        }

        static OneShotServer answering(String answer) throws Exception {
            return new OneShotServer(answer);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        String request() throws InterruptedException {
            thread.join(10_000);
            return request.get();
        }

        private static String readHead(InputStream in) throws Exception {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    return text;
                }
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(10_000);
        }
    }
}
