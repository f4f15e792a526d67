package io.sluice.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.local.api.LocalApiServer;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import io.sluice.ops.http.JobsApi;
import io.sluice.ops.http.LoopbackGuard;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The local Jobs API against the attacks a hostile web page can make from the operator's own browser, each sent as a
 * browser would send it, over a raw socket (the JDK client will not forge a {@code Host}): a "simple" cross-site
 * {@code text/plain} POST that needs no preflight, the same with {@code Origin: null}, a DNS-rebound {@code Host}
 * reading dead letters with their payloads, a JSON write without the token and one with the token but not JSON. Each
 * is refused with its status and a JSON error naming the check, and nothing changed; the console's origin and a
 * script with the token are served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsApiGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONSOLE_PORT = 9330;

    private LocalHarness harness;
    private OperationsClients clients;
    private SluiceOperations ops;
    private LocalApiServer api;
    private String own;

    @BeforeAll
    void start() {
        harness = LocalHarness.start(List.of("upstream"), Map.of());
        clients = LocalOperations.clients(harness.runtime);
        ops = LocalOperations.of(harness.runtime, clients);
        api = LocalApiServer.start(0, new JobsApi(ops), LoopbackGuard.newToken(), List.of(CONSOLE_PORT));
        own = "127.0.0.1:" + api.endpoint().getPort();
    }

    @AfterEach
    void resume() {
        ops.resume("upstream", null);
    }

    @AfterAll
    void stop() {
        api.close();
        clients.close();
        harness.close();
    }

    record Answer(int status, JsonNode body) {}

    private Answer send(String method, String path, Map<String, String> headers, String body) throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), api.endpoint().getPort())) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            return new Answer(
                    Integer.parseInt(text.substring(9, 12)),
                    JSON.readTree(text.substring(text.indexOf("\r\n\r\n") + 4)));
        }
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private void assertRefused(Answer answer, int status, String check) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(
                "refused-" + check,
                answer.body().path("error").asText(),
                answer.body().toString());
        assertFalse(answer.body().path("message").asText().isBlank());
        assertFalse(ops.status("upstream").paused(), "a refused request changed nothing");
    }

    @Test
    void aSimpleCrossSitePostFromAnotherPageIsRefusedAsForeignOrigin() throws Exception {
        Answer answer = send(
                "POST",
                "/types/upstream/pause",
                headers("Host", own, "Origin", "http://evil.example", "Content-Type", "text/plain"),
                "{}");
        assertRefused(answer, 403, "origin");
        assertTrue(answer.body().path("message").asText().contains("http://evil.example"));
    }

    @Test
    void theNullOriginIsRefusedEvenWithTheToken() throws Exception {
        Answer answer = send(
                "POST",
                "/types/upstream/pause",
                headers(
                        "Host",
                        own,
                        "Origin",
                        "null",
                        "Content-Type",
                        "application/json",
                        LoopbackGuard.TOKEN_HEADER,
                        api.token()),
                "{}");
        assertRefused(answer, 403, "origin");
    }

    @Test
    void aReboundHostReadingDeadLettersWithPayloadsIsMisdirected() throws Exception {
        Answer answer = send(
                "GET",
                "/dlq/upstream?payload=true",
                headers("Host", "rebind.evil.example:" + api.endpoint().getPort()),
                null);
        assertRefused(answer, 421, "host");
        assertTrue(answer.body().path("message").asText().contains("rebind.evil.example"));
    }

    @Test
    void aJsonWriteWithoutTheTokenIsRefused() throws Exception {
        Answer answer =
                send("POST", "/types/upstream/pause", headers("Host", own, "Content-Type", "application/json"), "{}");
        assertRefused(answer, 403, "token");
        Answer wrong = send(
                "POST",
                "/types/upstream/pause",
                headers("Host", own, "Content-Type", "application/json", LoopbackGuard.TOKEN_HEADER, "f".repeat(48)),
                "{}");
        assertRefused(wrong, 403, "token");
    }

    @Test
    void aWriteWithTheTokenButNotJsonIsRefused() throws Exception {
        Answer answer = send(
                "POST",
                "/types/upstream/pause",
                headers("Host", own, "Content-Type", "text/plain", LoopbackGuard.TOKEN_HEADER, api.token()),
                "{}");
        assertRefused(answer, 415, "content-type");
    }

    @Test
    void aScriptWithTheTokenAndTheConsolesOriginAreServed() throws Exception {
        Answer read = send(
                "GET", "/status", headers("Host", "localhost:" + api.endpoint().getPort()), null);
        assertEquals(200, read.status(), read.body().toString());

        Answer fromConsole =
                send("GET", "/status", headers("Host", own, "Origin", "http://127.0.0.1:" + CONSOLE_PORT), null);
        assertEquals(200, fromConsole.status(), fromConsole.body().toString());

        Answer write = send(
                "POST",
                "/types/upstream/pause",
                headers(
                        "Host",
                        own,
                        "Content-Type",
                        "application/json; charset=utf-8",
                        LoopbackGuard.TOKEN_HEADER,
                        api.token()),
                "{}");
        assertEquals(200, write.status(), write.body().toString());
        assertTrue(ops.status("upstream").paused(), "the script's write was carried out");
    }
}
