package io.sluice.console;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Keeps other web pages out of the console, which has no login because it listens on loopback only and acts with the
 * operator's own AWS credentials. Two attacks remain from a browser on the same machine, and both are refused here:
 *
 * <ul>
 *   <li>DNS rebinding: a hostile page whose name resolves to 127.0.0.1 reads the console as its own origin. Every
 *       request must name the console by a loopback {@code Host} ({@code 127.0.0.1}, {@code localhost},
 *       {@code [::1]}) and its port.</li>
 *   <li>Cross-site request forgery: a hostile page posts a form to the console. Every action needs this process's
 *       random token (in each form the console renders), and an {@code Origin}, when the browser sends one, must be
 *       the console's own.</li>
 * </ul>
 */
final class RequestGuard {
    private final List<String> hosts;
    private final String token;

    RequestGuard(int port) {
        this.hosts = List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
    }

    /** The token every action form carries. */
    String token() {
        return token;
    }

    /** Why a request is refused, or empty when it may be served. */
    Optional<String> refusal(String method, String host, String origin, String formToken) {
        if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("the console answers only to a loopback address and its port (" + hosts.get(0)
                    + "); this request named host '" + (host == null ? "" : host) + "'");
        }
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        if (origin != null && !origin.equals("null") && !hosts.contains(origin.replaceFirst("^http://", ""))) {
            return Optional.of("an action must come from the console's own pages; this one came from " + origin);
        }
        if (formToken == null || !constantTimeEquals(formToken, token)) {
            return Optional.of("this action's form is missing the console's token or has a stale one (the console"
                    + " restarted?); reload the page and try again");
        }
        return Optional.empty();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
