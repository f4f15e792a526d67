package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_test_secret";
    private static final long TIMESTAMP = 1795428000L; // 2026-11-23T10:00:00Z
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(TIMESTAMP);
    private static final byte[] BODY = "{\"orderId\":\"o-42\",\"total\":12.5}".getBytes(StandardCharsets.UTF_8);
    /** Computed outside Java: python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test_secret", b"1795428000." + body, hashlib.sha256).hexdigest())'. */
    private static final String KNOWN = "v1=db17d20d7c5aef9bee8edb2a421bf34a8087a73bd4532f0d23cac067bbf03d29";

    private static WebhookSignature signer() {
        return WebhookSignature.withSecret(Optional.of(SECRET)).orElseThrow();
    }

    @Test
    void signsTimestampDotBodyWithHmacSha256InLowerCaseHex() {
        assertEquals(KNOWN, signer().sign(TIMESTAMP, BODY));
    }

    @Test
    void hasNoSignerWithoutASecret() {
        assertEquals(Optional.empty(), WebhookSignature.withSecret(Optional.empty()));
        assertEquals(Optional.empty(), WebhookSignature.withSecret(Optional.of("  ")));
    }

    @Test
    void verifiesAFreshAuthenticRequest() {
        assertTrue(WebhookSignature.verify(
                SECRET, "1795428000", KNOWN, BODY, SIGNED_AT.plusSeconds(3), Duration.ofMinutes(5)));
        // A receiver whose clock runs a little behind the sender's.
        assertTrue(WebhookSignature.verify(
                SECRET, "1795428000", KNOWN, BODY, SIGNED_AT.minusSeconds(30), Duration.ofMinutes(5)));
    }

    @Test
    void refusesARequestOlderThanTheReplayWindow() {
        assertTrue(WebhookSignature.verify(
                SECRET, "1795428000", KNOWN, BODY, SIGNED_AT.plusSeconds(300), Duration.ofMinutes(5)));
        assertFalse(WebhookSignature.verify(
                SECRET, "1795428000", KNOWN, BODY, SIGNED_AT.plusSeconds(301), Duration.ofMinutes(5)));
    }

    @Test
    void refusesATamperedBodyOrTimestamp() {
        byte[] tampered = "{\"orderId\":\"o-43\",\"total\":12.5}".getBytes(StandardCharsets.UTF_8);

        assertFalse(WebhookSignature.verify(SECRET, "1795428000", KNOWN, tampered, SIGNED_AT, Duration.ofMinutes(5)));
        assertFalse(WebhookSignature.verify(SECRET, "1795428001", KNOWN, BODY, SIGNED_AT, Duration.ofMinutes(5)));
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertFalse(
                WebhookSignature.verify("another-secret", "1795428000", KNOWN, BODY, SIGNED_AT, Duration.ofMinutes(5)));
    }

    @Test
    void acceptsAnyOfSeveralSignaturesSoSecretsCanBeRotated() {
        String header = "v1=" + "00".repeat(32) + ", " + KNOWN;

        assertTrue(WebhookSignature.verify(SECRET, "1795428000", header, BODY, SIGNED_AT, Duration.ofMinutes(5)));
    }

    @Test
    void refusesMissingOrMalformedInput() {
        Duration window = Duration.ofMinutes(5);

        assertFalse(WebhookSignature.verify(SECRET, null, KNOWN, BODY, SIGNED_AT, window));
        assertFalse(WebhookSignature.verify(SECRET, "yesterday", KNOWN, BODY, SIGNED_AT, window));
        assertFalse(WebhookSignature.verify(SECRET, "1795428000", null, BODY, SIGNED_AT, window));
        assertFalse(WebhookSignature.verify(SECRET, "1795428000", KNOWN.substring(3), BODY, SIGNED_AT, window));
        assertFalse(WebhookSignature.verify(SECRET, "1795428000", "v1=not-hex", BODY, SIGNED_AT, window));
        assertFalse(WebhookSignature.verify(SECRET, "1795428000", "v0=" + KNOWN.substring(3), BODY, SIGNED_AT, window));
        assertFalse(WebhookSignature.verify("", "1795428000", KNOWN, BODY, SIGNED_AT, window));
    }

    @Test
    void neverPrintsTheSecret() {
        assertFalse(signer().toString().contains(SECRET));
    }
}
