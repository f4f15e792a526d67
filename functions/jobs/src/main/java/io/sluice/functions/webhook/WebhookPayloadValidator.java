package io.sluice.functions.webhook;

import io.sluice.job.PayloadValidator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a {@link WebhookPayload} must meet before it is sent, each problem a message naming the field
 * ({@code "url: is required"}, {@code "headers.Host: may not be set"}) and never its value, because
 * messages reach DLQ attributes and logs while values may hold tokens. A payload that breaks a rule
 * is dead-lettered at once: no retry would change it.
 */
public final class WebhookPayloadValidator implements PayloadValidator<WebhookPayload> {
    /** Longest URL accepted; the de-facto limit of browsers, proxies and many servers. */
    public static final int MAX_URL_LENGTH = 2048;
    /** The methods a webhook may use. */
    public static final List<String> METHODS = List.of("POST", "PUT", "PATCH", "DELETE", "GET");

    /**
     * Headers the payload may not set: hop-by-hop and framing headers, which the HTTP client computes
     * itself (and some of which the JDK client refuses outright), and {@code Host}, which could
     * address a different virtual host than the URL the SSRF guard checked.
     */
    static final Set<String> RESTRICTED = Set.of(
            "host",
            "content-length",
            "connection",
            "transfer-encoding",
            "expect",
            "upgrade",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "http2-settings");
    /** Sluice's own headers ({@code Sluice-Signature}, {@code Sluice-Timestamp}, ...) and any future ones. */
    static final String RESERVED_PREFIX = "sluice-";

    // RFC 9110 token: the characters allowed in a header field name.
    private static final Pattern NUMERIC_PART = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");
    private static final Pattern CANONICAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    /** Every problem of the payload; empty when it may be sent. */
    @Override
    public List<String> problems(WebhookPayload payload) {
        List<String> problems = new ArrayList<>();
        checkUrl(payload.url(), problems);
        if (!METHODS.contains(payload.method())) {
            problems.add("method: must be one of " + String.join(", ", METHODS));
        }
        for (Map.Entry<String, String> header : payload.headers().entrySet()) {
            checkHeader(header.getKey(), header.getValue(), problems);
        }
        if ("GET".equals(payload.method()) && payload.body() != null) {
            problems.add("body: may not be sent with GET");
        }
        return problems;
    }

    private static void checkUrl(String url, List<String> problems) {
        if (url == null || url.isBlank()) {
            problems.add("url: is required");
            return;
        }
        if (url.length() > MAX_URL_LENGTH) {
            problems.add("url: must be at most " + MAX_URL_LENGTH + " characters, was " + url.length());
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("url: must be an absolute http or https URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // A null host also covers names java.net.URI cannot parse as a server (for example with '_'),
        // which the HTTP client could not call either.
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            problems.add("url: must be an absolute http or https URL");
            return;
        }
        if (uri.getHost() == null) {
            // java.net.URI gives no host for 0x7f.1 or 127.1 (a last label that starts with a digit) or for names with
            // '_': say which form was refused, not just that the URL is bad.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String host = authority.replaceFirst("^.*@", "").replaceFirst(":[0-9]*$", "");
            if (host.isEmpty()) {
                problems.add("url: must be an absolute http or https URL");
            } else if (isNonCanonicalIpv4(host)) {
                problems.add(nonCanonical(host));
            } else {
                problems.add("url: host '" + printable(host) + "' is not a host name or an IP address this client can"
                        + " call (a name's labels are letters, digits and '-', its last label starts with a letter; an"
                        + " IPv4 address is four decimal parts, a.b.c.d)");
            }
            return;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("url: may not contain user info; send credentials in headers");
        }
        if (isNonCanonicalIpv4(uri.getHost())) {
            problems.add(nonCanonical(uri.getHost()));
        }
    }

    private static String nonCanonical(String host) {
        return "url: host '" + printable(host) + "' is an IPv4 address in a shorthand form (hex, octal, a single number"
                + " or fewer than four parts), which resolvers read differently; write it as four decimal parts,"
                + " a.b.c.d";
    }

    /**
     * Whether every dot-separated part of {@code host} is a number (decimal, {@code 0x} hex or leading-zero octal) but
     * the whole is not a plain dotted quad: resolvers read {@code 0xa9fea9fe}, {@code 2852039166} and
     * {@code 0251.0376.0251.0376} as 169.254.169.254, so such a host is refused as written, once, rather than retried
     * as a name that does not resolve. A real DNS name has a label that is not a number (its top-level domain).
     */
    static boolean isNonCanonicalIpv4(String host) {
        if (host == null || host.isEmpty() || host.startsWith("[")) {
            return false;
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = trimmed.split("\\.", -1);
        boolean canonical = parts.length == 4;
        for (String part : parts) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return false;
            }
            canonical &= CANONICAL_OCTET.matcher(part).matches() && Integer.parseInt(part) <= 255;
        }
        return !canonical || !trimmed.equals(host);
    }

    private static void checkHeader(String name, String value, List<String> problems) {
        String field = "headers." + printable(name);
        if (name == null || !TOKEN.matcher(name).matches()) {
            problems.add(field + ": is not a valid header name");
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESTRICTED.contains(lower) || lower.startsWith(RESERVED_PREFIX)) {
            problems.add(field + ": may not be set");
            return;
        }
        if (value == null) {
            problems.add(field + ": must be a string");
        } else if (!validValue(value)) {
            problems.add(field + ": value may not contain control characters or characters beyond Latin-1");
        }
    }

    // RFC 9110 field values: visible characters, space and tab; CR and LF would split the header. The
    // webhook sends values as ISO-8859-1, so anything beyond it could not be sent as written.
    private static boolean validValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    // Keeps an invalid name from smuggling control characters or a whole essay into a log line.
    private static String printable(String name) {
        if (name == null) {
            return "<null>";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 64; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return name.length() > 64 ? out + "…" : out.toString();
    }
}
