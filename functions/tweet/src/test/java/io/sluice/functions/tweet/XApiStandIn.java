package io.sluice.functions.tweet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the X API's {@code POST /2/tweets} on 127.0.0.1 and an ephemeral port, speaking X's documented
 * wire format: JSON request {@code {"text", "media": {"media_ids"}, "reply": {"in_reply_to_tweet_id"}}}, 201 with
 * {@code {"data": {"id", "text"}}}, RFC 7807 problems for errors, and X's refusal of a duplicate of an earlier post.
 *
 * <p>It checks every request's OAuth 1.0a signature the way a server must, independently of the code under test:
 * it rebuilds the signature base string from what arrived (method, {@code Host} header, path, query, the
 * {@code oauth_*} parameters of the {@code Authorization} header) with its own percent-encoding, recomputes the
 * HMAC-SHA1 with the account's secrets and answers 401 as X does when anything differs, when the timestamp is more
 * than 5 minutes from its clock, or when a nonce is replayed. Tests may script the next answers (429, 5xx, ...),
 * which are given only to correctly signed requests.
 */
public final class XApiStandIn implements AutoCloseable {
    /** Credentials the stand-in accepts; the secrets are distinctive so tests can search logs for them. */
    public static final OAuthCredentials CREDENTIALS = new OAuthCredentials(
            "standin-consumer-key",
            "CONSUMER-SECRET-must-never-be-logged-7f3a",
            "1234-standin-access-token",
            "TOKEN-SECRET-must-never-be-logged-9c2e");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    /** One request as it arrived. */
    public record Request(
            String method,
            String path,
            String authorization,
            String body,
            boolean signatureValid,
            Instant receivedAt) {}

    /** A post the stand-in accepted. */
    public record Post(String id, String text, List<String> mediaIds, String replyTo, Instant receivedAt) {}

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** 429 with X's rate-limit headers, resetting at {@code reset}. */
        public static Answer tooManyRequests(Instant reset) {
            return new Answer(
                    429,
                    Map.of(
                            "x-rate-limit-limit",
                            "100",
                            "x-rate-limit-remaining",
                            "0",
                            "x-rate-limit-reset",
                            Long.toString(reset.getEpochSecond())),
                    problem("Too Many Requests", "Too Many Requests", 429));
        }

        public static Answer serviceUnavailable() {
            return new Answer(503, Map.of(), problem("Service Unavailable", "Service Unavailable", 503));
        }

        public static Answer forbidden(String detail) {
            return new Answer(403, Map.of(), problem("Forbidden", detail, 403));
        }
    }

    private final OAuthCredentials accepted;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(1_860_000_000_000_000_000L);

    public XApiStandIn() throws IOException {
        this(CREDENTIALS);
    }

    public XApiStandIn(OAuthCredentials accepted) throws IOException {
        this.accepted = accepted;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure ({@code SLUICE_TWEET_BASE_URL}). */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The JSON of a credentials secret the stand-in accepts. */
    public static String credentialsJson(OAuthCredentials c) {
        return JSON.createObjectNode()
                .put("consumerKey", c.consumerKey())
                .put("consumerSecret", c.consumerSecret())
                .put("accessToken", c.accessToken())
                .put("accessTokenSecret", c.accessTokenSecret())
                .toString();
    }

    /** Answers the next correctly signed requests with these, in order, then goes back to posting. */
    public XApiStandIn answerNext(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Instant now = Instant.now();
            boolean valid = signatureValid(exchange, authorization, now);
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    authorization,
                    body,
                    valid,
                    now));
            if (!valid) {
                respond(exchange, new Answer(401, Map.of(), problem("Unauthorized", "Unauthorized", 401)));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"/2/tweets".equals(exchange.getRequestURI().getPath())) {
                respond(
                        exchange,
                        new Answer(404, Map.of(), problem("Not Found Error", "Sorry, that page does not exist", 404)));
                return;
            }
            Answer scripted = script.poll();
            if (scripted != null) {
                respond(exchange, scripted);
                return;
            }
            JsonNode request = JSON.readTree(body);
            String text = request.path("text").asText();
            if (posts.stream().anyMatch(p -> p.text().equals(text))) {
                respond(exchange, Answer.forbidden("You are not allowed to create a Tweet with duplicate content."));
                return;
            }
            List<String> media = new ArrayList<>();
            request.path("media").path("media_ids").forEach(n -> media.add(n.asText()));
            String replyTo = request.path("reply").path("in_reply_to_tweet_id").asText(null);
            String id = Long.toString(ids.incrementAndGet());
            posts.add(new Post(id, text, media, replyTo, now));
            var data = JSON.createObjectNode();
            data.putObject("data")
                    .put("id", id)
                    .put("text", text)
                    .putArray("edit_history_tweet_ids")
                    .add(id);
            respond(
                    exchange,
                    new Answer(
                            201, Map.of("x-rate-limit-limit", "100", "x-rate-limit-remaining", "99"), data.toString()));
        }
    }

    private boolean signatureValid(HttpExchange exchange, String authorization, Instant now) {
        if (authorization == null || !authorization.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> oauth = new TreeMap<>();
        Matcher m = PARAM.matcher(authorization);
        while (m.find()) {
            oauth.put(decode(m.group(1)), decode(m.group(2)));
        }
        String signature = oauth.remove("oauth_signature");
        if (signature == null
                || !accepted.consumerKey().equals(oauth.get("oauth_consumer_key"))
                || !accepted.accessToken().equals(oauth.get("oauth_token"))
                || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(oauth.getOrDefault("oauth_timestamp", ""));
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > 300
                || !nonces.add(oauth.getOrDefault("oauth_nonce", "") + "/" + timestamp)) {
            return false;
        }
        List<String[]> params = new ArrayList<>();
        oauth.forEach((k, v) -> params.add(new String[] {encode(k), encode(v)}));
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.add(new String[] {encode(decode(kv[0])), encode(kv.length > 1 ? decode(kv[1]) : "")});
            }
        }
        params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder normalised = new StringBuilder();
        for (String[] p : params) {
            normalised
                    .append(normalised.length() == 0 ? "" : "&")
                    .append(p[0])
                    .append('=')
                    .append(p[1]);
        }
        // What a server knows of the URL: the Host header and the path it received (HTTP, so port stays unless 80).
        String host = exchange.getRequestHeaders().getFirst("Host").toLowerCase();
        if (host.endsWith(":80")) {
            host = host.substring(0, host.length() - 3);
        }
        String base = exchange.getRequestMethod() + "&"
                + encode("http://" + host + exchange.getRequestURI().getRawPath()) + "&"
                + encode(normalised.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(
                    (encode(accepted.consumerSecret()) + "&" + encode(accepted.accessTokenSecret()))
                            .getBytes(StandardCharsets.UTF_8),
                    "HmacSHA1"));
            byte[] expected = mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }

    // The classic independent route to RFC 3986 encoding: the form encoder, then its three differences undone.
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String problem(String title, String detail, int status) {
        return JSON.createObjectNode()
                .put("title", title)
                .put("detail", detail)
                .put("type", "about:blank")
                .put("status", status)
                .toString();
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
