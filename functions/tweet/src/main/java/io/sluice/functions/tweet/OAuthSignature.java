package io.sluice.functions.tweet;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing with HMAC-SHA1, as RFC 5849 section 3.4 defines it and X's "Creating a signature"
 * guide walks through: the signature base string is the upper-case method, the normalised base URL and the
 * normalised parameters (the {@code oauth_*} protocol parameters plus the query string's; a JSON body is not
 * a parameter), each percent-encoded and joined by {@code &}; the key is the percent-encoded consumer secret
 * and token secret joined by {@code &}. Pure functions: the nonce and timestamp are the caller's, so the
 * documented worked examples can be reproduced exactly.
 *
 * <p>The base URL is normalised as section 3.4.1.2 requires and as a server rebuilds it from the request it
 * received: scheme and host in lower case, the port only when it is not the scheme's default, the path as sent.
 */
public final class OAuthSignature {
    /** The only signature method this class implements. */
    public static final String METHOD = "HMAC-SHA1";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OAuthSignature() {}

    /**
     * The {@code Authorization} header value for a request: {@code OAuth oauth_consumer_key="…", oauth_nonce="…",
     * oauth_signature="…", oauth_signature_method="HMAC-SHA1", oauth_timestamp="…", oauth_token="…", oauth_version="1.0"}.
     *
     * @param uri the full request URL, query included
     * @param nonce a value never used before with this timestamp and token (X refuses replays)
     * @param timestamp seconds since the epoch; X refuses requests far from its own clock
     */
    public static String authorization(
            String method, URI uri, OAuthCredentials credentials, String nonce, long timestamp) {
        List<Map.Entry<String, String>> oauth = List.of(
                Map.entry("oauth_consumer_key", credentials.consumerKey()),
                Map.entry("oauth_nonce", nonce),
                Map.entry("oauth_signature_method", METHOD),
                Map.entry("oauth_timestamp", Long.toString(timestamp)),
                Map.entry("oauth_token", credentials.accessToken()),
                Map.entry("oauth_version", "1.0"));
        List<Map.Entry<String, String>> all = new ArrayList<>(oauth);
        all.addAll(queryParameters(uri));
        String signature =
                sign(baseString(method, uri, all), credentials.consumerSecret(), credentials.accessTokenSecret());
        List<Map.Entry<String, String>> header = new ArrayList<>(oauth);
        header.add(Map.entry("oauth_signature", signature));
        header.sort(Map.Entry.comparingByKey());
        StringBuilder out = new StringBuilder("OAuth ");
        for (int i = 0; i < header.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(percentEncode(header.get(i).getKey()))
                    .append("=\"")
                    .append(percentEncode(header.get(i).getValue()))
                    .append('"');
        }
        return out.toString();
    }

    /**
     * The signature base string (RFC 5849 section 3.4.1).
     *
     * @param parameters every parameter to sign, decoded: the {@code oauth_*} ones (without {@code oauth_signature}),
     *     the query's and any form body's; order does not matter, repeats are kept
     */
    public static String baseString(String method, URI uri, List<Map.Entry<String, String>> parameters) {
        return method.toUpperCase(Locale.ROOT) + "&" + percentEncode(baseUrl(uri)) + "&"
                + percentEncode(normalisedParameters(parameters));
    }

    /** HMAC-SHA1 of the base string keyed by both secrets, in Base64 (RFC 5849 section 3.4.2). */
    public static String sign(String baseString, String consumerSecret, String tokenSecret) {
        String key = percentEncode(consumerSecret) + "&" + percentEncode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA1; reaching this is a broken JVM, not bad input.
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes, keeping only the unreserved characters (RFC 5849 section 3.6). */
    public static String percentEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Section 3.4.1.3.2: encode names and values, sort by name then value, join as {@code n=v&…}. */
    static String normalisedParameters(List<Map.Entry<String, String>> parameters) {
        List<String[]> encoded = new ArrayList<>();
        for (Map.Entry<String, String> p : parameters) {
            encoded.add(
                    new String[] {percentEncode(p.getKey()), percentEncode(p.getValue() == null ? "" : p.getValue())});
        }
        // Byte order of the encoded strings; they are ASCII, so String order is byte order.
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** Section 3.4.1.2: {@code scheme://host[:port]/path}, without query or fragment. */
    static String baseUrl(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /** Section 3.4.1.3.1: the query as {@code application/x-www-form-urlencoded} pairs, decoded. */
    static List<Map.Entry<String, String>> queryParameters(URI uri) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
