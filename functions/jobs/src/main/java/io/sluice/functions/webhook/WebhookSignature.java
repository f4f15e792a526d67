package io.sluice.functions.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests so a receiver can tell they came from this Sluice deployment and were not
 * replayed: {@code Sluice-Signature: v1=<hex>} is the lower-case hex HMAC-SHA256, keyed with the UTF-8
 * bytes of {@code SLUICE_WEBHOOK_SECRET}, of the bytes {@code <Sluice-Timestamp> "." <body>}, where the
 * timestamp is Unix seconds. Signing the timestamp with the body lets a receiver refuse old requests
 * (see {@link #verify}); it is the scheme Stripe and Slack use, so receivers find it familiar.
 *
 * <p>This is a class, not a record, so the secret can never appear through a generated
 * {@code toString}. {@link #verify} is the reference a receiver can copy; {@code docs/webhook.md}
 * gives the same recipe in other languages.
 */
public final class WebhookSignature {
    /** The configuration key of the shared secret. */
    public static final String SECRET_KEY = "SLUICE_WEBHOOK_SECRET";
    /** Header carrying the Unix time, in seconds, at which the request was signed. */
    public static final String TIMESTAMP_HEADER = "Sluice-Timestamp";
    /** Header carrying {@code v1=<hex>}. */
    public static final String SIGNATURE_HEADER = "Sluice-Signature";
    /** The replay window the documentation recommends to receivers. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SCHEME = "v1=";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;

    private WebhookSignature(byte[] secret) {
        this.secret = secret;
    }

    /** A signer with the given secret, or empty when the secret is absent or blank (requests go unsigned). */
    public static Optional<WebhookSignature> withSecret(Optional<String> secret) {
        return secret.filter(s -> !s.isBlank()).map(s -> new WebhookSignature(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code Sluice-Signature} header value for a request signed at {@code timestamp}. */
    public String sign(long timestamp, byte[] body) {
        return SCHEME + hex(hmac(secret, timestamp, body));
    }

    /**
     * Verifies a request as a receiver should: the timestamp is within {@code tolerance} of
     * {@code now} (either side, to allow for clock skew), and one of the {@code v1=} entries of the
     * signature header (comma-separated, so a sender may sign with two secrets while rotating) equals the
     * HMAC of {@code timestamp "." body}. Compare the raw body bytes as received, before any JSON parsing.
     *
     * @return true only if the request is authentic and fresh; false for any missing or malformed input
     */
    public static boolean verify(
            String secret,
            String timestampHeader,
            String signatureHeader,
            byte[] body,
            Instant now,
            Duration tolerance) {
        if (secret == null || secret.isEmpty() || timestampHeader == null || signatureHeader == null || body == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
        for (String part : signatureHeader.split(",")) {
            String candidate = part.trim();
            if (!candidate.startsWith(SCHEME)) {
                continue;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(candidate.substring(SCHEME.length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            // Constant time, so response timing reveals nothing about how much of a guess was right.
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, long timestamp, byte[] body) {
        try {
            // Mac instances are not thread-safe and cheap to create; the handler runs concurrently.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256; the key is never empty. Say nothing about the key.
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret=***]";
    }
}
