package io.sluice.ops.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps other web pages out of Sluice's listeners on loopback, the local Jobs HTTP API and the web console. They have
 * no login: they listen on 127.0.0.1 only and act with the operator's own credentials (on AWS the Jobs API sits behind
 * API Gateway with IAM authorisation instead). Loopback alone is not enough, because every web page the operator
 * visits runs in a browser on the same machine. Three attacks remain, and each has its own check here:
 *
 * <ul>
 *   <li><b>DNS rebinding</b>: a hostile page whose name resolves to 127.0.0.1 reads the listener as its own origin.
 *       The {@code Host} must name the listener by a loopback name ({@code 127.0.0.1}, {@code localhost},
 *       {@code [::1]}) and its port, or the request is refused with 421 (check {@code host}).</li>
 *   <li><b>Cross-site requests</b>: a page posts to the listener (a form, or a "simple" {@code fetch} with
 *       {@code text/plain}, which a browser sends without a preflight). An {@code Origin}, when present, must be one of
 *       the trusted origins (the console's own); anything else, {@code null} included (sandboxed frames, {@code data:}
 *       pages), is refused with 403 (check {@code origin}).</li>
 *   <li><b>Forged writes</b>: every request but GET and HEAD needs this instance's random token, which only the
 *       process that started it and those who can read its state file know (403, check {@code token}); the Jobs API
 *       also wants {@code Content-Type: application/json}, which no form or simple request can send (415, check
 *       {@code content-type}).</li>
 * </ul>
 */
public final class LoopbackGuard {
    /** The request header that carries the token to the Jobs API. */
    public static final String TOKEN_HEADER = "Sluice-Token";

    private final List<String> hosts;
    private final List<String> origins;
    private final String token;

    /**
     * @param port the listener's own port
     * @param token this instance's token ({@link #newToken()})
     * @param trustedOriginPorts loopback ports whose pages may call this listener from a browser (the console's own
     *     port for the console; the console's for the Jobs API, or none)
     */
    public LoopbackGuard(int port, String token, Collection<Integer> trustedOriginPorts) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the token must be at least 16 characters, was "
                    + (token == null ? "null" : token.length() + " characters"));
        }
        this.hosts = loopbackNames(port);
        List<String> trusted = new ArrayList<>();
        for (int p : trustedOriginPorts) {
            loopbackNames(p).forEach(h -> trusted.add("http://" + h));
        }
        this.origins = List.copyOf(trusted);
        this.token = token;
    }

    /** A new random token: 24 bytes from {@link SecureRandom}, in hex. */
    public static String newToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public String token() {
        return token;
    }

    /** Why a request is refused. {@code check} names the rule that refused it. */
    public record Refusal(int status, String check, String message) {
        /** The Jobs API's error body: {@code {"error": "refused-<check>", "message": ...}}. */
        public String json() {
            return "{\"error\":\"refused-" + check + "\",\"message\":\""
                    + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                            .quoteAsString(message))
                    + "\"}";
        }
    }

    /**
     * Why a request is refused, or empty when it may be served.
     *
     * @param suppliedToken the token the request carries (header or form field), or {@code null}
     * @param requireJson whether writes must be {@code application/json} (the Jobs API; not the console's forms)
     */
    public Optional<Refusal> refusal(
            String method, String host, String origin, String contentType, String suppliedToken, boolean requireJson) {
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(
                    421,
                    "host",
                    "this listener answers only to a loopback name and its port (" + hosts.get(0) + "); the request"
                            + " named host '" + printable(host) + "' (DNS rebinding is refused)"));
        }
        if (origin != null && !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Refusal(
                    403,
                    "origin",
                    "requests from other web pages are refused; this one came from " + printable(origin)
                            + (origins.isEmpty() ? "" : " (trusted: " + origins.get(0) + ")")));
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return Optional.empty();
        }
        if (requireJson && !isJson(contentType)) {
            return Optional.of(new Refusal(
                    415,
                    "content-type",
                    "a write must be sent as Content-Type: application/json, not '" + printable(contentType) + "'"));
        }
        if (suppliedToken == null || !constantTimeEquals(suppliedToken, token)) {
            return Optional.of(new Refusal(
                    403,
                    "token",
                    suppliedToken == null
                            ? "a write needs this instance's token in the " + TOKEN_HEADER + " header (sluice-local up"
                                    + " writes it to its state file, ~/.sluice/sluice-local.json, as \"token\")"
                            : "the " + TOKEN_HEADER + " token is not this instance's (was sluice-local restarted?)"));
        }
        return Optional.empty();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    private static List<String> loopbackNames(int port) {
        return List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A header value as it may be shown: control characters escaped, at most 100 characters. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
