package io.sluice.local.console;

import static io.sluice.local.LocalHarness.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.console.ConsoleOptions;
import io.sluice.console.ConsoleServer;
import io.sluice.job.Priority;
import io.sluice.local.LocalHarness;
import io.sluice.local.LocalOperations;
import io.sluice.ops.OperationsClients;
import io.sluice.ops.SluiceOperations;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console over plain HTTP against a whole sluice-local: what it refuses (other hosts, forged or stale forms,
 * actions in read-only mode), that destructive actions confirm before they act, and that errors are pages that say
 * what was wrong, never traces. Raw sockets, because the JDK client will not send another {@code Host}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHttpTest {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"");

    private LocalHarness harness;
    private OperationsClients clients;
    private SluiceOperations ops;
    private ConsoleServer console;
    private ConsoleServer readOnly;

    @BeforeAll
    void start() throws Exception {
        harness = LocalHarness.start(List.of("upstream"), Map.of());
        clients = LocalOperations.clients(harness.runtime);
        ops = LocalOperations.of(harness.runtime, clients);
        console = ConsoleServer.start(ops, ConsoleOptions.DEFAULT);
        readOnly = ConsoleServer.start(ops, ConsoleOptions.DEFAULT.withReadOnly(true));
    }

    @AfterAll
    void stop() {
        console.close();
        readOnly.close();
        clients.close();
        harness.close();
    }

    record Answer(int status, String head, String body) {}

    private static Answer exchange(
            ConsoleServer server, String method, String path, String host, String origin, String form)
            throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), server.uri().getPort())) {
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(host)
                    .append("\r\n")
                    .append("Connection: close\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            if (form != null) {
                request.append("Content-Type: application/x-www-form-urlencoded\r\n")
                        .append("Content-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            // Header names as lower case (the JDK server capitalises only their first letter), entities decoded.
            return new Answer(
                    Integer.parseInt(text.substring(9, 12)),
                    text.substring(0, split).toLowerCase(java.util.Locale.ROOT),
                    text.substring(split + 4)
                            .replace("&#39;", "'")
                            .replace("&quot;", "\"")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&amp;", "&"));
        }
    }

    private Answer get(ConsoleServer server, String path) throws Exception {
        return exchange(server, "GET", path, "127.0.0.1:" + server.uri().getPort(), null, null);
    }

    private Answer post(ConsoleServer server, String path, String form) throws Exception {
        return exchange(server, "POST", path, "127.0.0.1:" + server.uri().getPort(), null, form);
    }

    private String token(ConsoleServer server) throws Exception {
        Matcher m = TOKEN.matcher(get(server, "/types/upstream").body());
        assertTrue(m.find(), "the type page carries the action token");
        return m.group(1);
    }

    @Test
    void answersAStalePageLinkOfTheSchedulesWithABadRequestNamingIt() throws Exception {
        Answer answer = get(console, "/schedules?page=stale-link");

        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("page token 'stale-link' is not one"), answer.body());
        assertTrue(get(console, "/schedules").status() == 200, "the first page still answers");
    }

    @Test
    void refusesARequestNamingAnotherHostAsARebindingPageWould() throws Exception {
        Answer answer = exchange(
                console, "GET", "/", "attacker.example:" + console.uri().getPort(), null, null);

        assertEquals(403, answer.status());
        assertTrue(
                answer.body().contains("the console answers only to a loopback address and its port"), answer.body());
        assertTrue(answer.body().contains("attacker.example"), answer.body());
    }

    @Test
    void servesLocalhostAndSetsAStrictContentSecurityPolicy() throws Exception {
        Answer answer =
                exchange(console, "GET", "/", "localhost:" + console.uri().getPort(), null, null);

        assertEquals(200, answer.status());
        assertTrue(answer.head().contains("content-security-policy: default-src 'self'"), answer.head());
        assertTrue(answer.head().contains("x-frame-options: deny"), answer.head());
    }

    @Test
    void refusesAnActionWithoutTheTokenOrFromAnotherOrigin() throws Exception {
        Answer noToken = post(console, "/types/upstream/pause", "");
        Answer staleToken = post(console, "/types/upstream/pause", "token=0123abcd");
        Answer foreign = exchange(
                console,
                "POST",
                "/types/upstream/pause",
                "127.0.0.1:" + console.uri().getPort(),
                "http://evil.example",
                "token=" + token(console));

        assertEquals(403, noToken.status());
        assertTrue(noToken.body().contains("missing the console's token"), noToken.body());
        assertEquals(403, staleToken.status());
        assertEquals(403, foreign.status());
        assertTrue(foreign.body().contains("came from http://evil.example"), foreign.body());
        assertTrue(!ops.status("upstream").paused(), "no forged request paused anything");
    }

    /** Sandboxed frames and data: pages send {@code Origin: null}; the console's own forms send their real origin. */
    @Test
    void refusesAnActionFromTheNullOriginEvenWithAValidToken() throws Exception {
        Answer nullOrigin = exchange(
                console,
                "POST",
                "/types/upstream/pause",
                "127.0.0.1:" + console.uri().getPort(),
                "null",
                "token=" + token(console));
        Answer ownOrigin = exchange(
                console,
                "POST",
                "/types/upstream/pause",
                "127.0.0.1:" + console.uri().getPort(),
                "http://127.0.0.1:" + console.uri().getPort(),
                "token=" + token(console));

        assertEquals(403, nullOrigin.status());
        assertTrue(nullOrigin.body().contains("came from null"), nullOrigin.body());
        assertTrue(ownOrigin.status() < 400, "the console's own origin is served: " + ownOrigin.status());
        ops.resume("upstream", null);
    }

    @Test
    void servesReferrerPolicySameOriginSoItsOwnFormsSendTheirOrigin() throws Exception {
        Answer answer = get(console, "/");
        assertTrue(answer.head().contains("referrer-policy: same-origin"), answer.head());
    }

    @Test
    void refusesEveryActionInReadOnlyMode() throws Exception {
        // Its pages carry no form at all; even the other console's valid token is refused here.
        Answer answer = post(readOnly, "/types/upstream/pause", "token=" + token(console));

        assertEquals(403, answer.status());
        assertTrue(answer.body().contains("started with --read-only"), answer.body());
        assertTrue(!ops.status("upstream").paused());
    }

    @Test
    void aDiscardAsksForConfirmationAndTouchesNothingUntilConfirmed() throws Exception {
        String jobId = "discard-" + UUID.randomUUID();
        harness.awaitFinished(
                List.of(harness.send(
                        "upstream",
                        Priority.NORMAL,
                        envelope("upstream", jobId, Priority.NORMAL, Map.of("order", "o-" + UUID.randomUUID())))),
                Duration.ofSeconds(30));
        String token = token(console);

        Answer confirm = post(console, "/dlq/upstream/discard", "token=" + token + "&id=" + jobId);

        assertEquals(200, confirm.status());
        assertTrue(confirm.body().contains("Discard dead letters of upstream?"), confirm.body());
        assertTrue(confirm.body().contains("name=\"confirmed\" value=\"yes\""), confirm.body());
        assertEquals("dead-letter-queue", ops.job(jobId).location(), "nothing is discarded before the confirmation");

        Answer done = post(console, "/dlq/upstream/discard", "token=" + token + "&id=" + jobId + "&confirmed=yes");

        assertEquals(200, done.status());
        assertTrue(done.body().contains("Discarded: 1"), done.body());
        assertEquals("discarded", ops.job(jobId).location());
    }

    @Test
    void anUnselectedDiscardIsRefusedWithWhatToDo() throws Exception {
        Answer answer = post(console, "/dlq/upstream/discard", "token=" + token(console) + "&confirmed=yes");

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Discard needs a selection"), answer.body());
    }

    @Test
    void errorsArePagesThatSayWhatWasWrong() throws Exception {
        Answer unknownType = get(console, "/types/no-such-type");
        Answer badDuration = get(console, "/types/upstream?since=soon");
        Answer noJob = get(console, "/jobs/no-such-job");
        Answer noPage = get(console, "/nowhere");

        assertEquals(400, unknownType.status());
        assertTrue(unknownType.body().contains("no-such-type"), unknownType.body());
        assertEquals(400, badDuration.status());
        assertTrue(badDuration.body().contains("soon"), badDuration.body());
        assertEquals(404, noJob.status());
        assertTrue(noJob.body().contains("no job 'no-such-job'"), noJob.body());
        assertTrue(noJob.body().contains("Cancel this job"), "a job not yet received may still be cancelled");
        assertEquals(404, noPage.status());
        for (Answer a : List.of(unknownType, badDuration, noJob, noPage)) {
            assertTrue(!a.body().contains("Exception") && !a.body().contains("\tat "), a.body());
        }
    }

    @Test
    void servesOnlyTheListedAssets() throws Exception {
        Answer htmx = get(console, "/assets/vendor/htmx.min.js");
        Answer css = get(console, "/assets/console.css");
        Answer other = get(console, "/assets/../templates/header.mustache");

        assertEquals(200, htmx.status());
        assertTrue(htmx.head().contains("content-type: text/javascript"), htmx.head());
        assertEquals(200, css.status());
        assertEquals(404, other.status());
    }
}
