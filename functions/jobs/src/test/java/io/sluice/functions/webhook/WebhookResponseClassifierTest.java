package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookResponseClassifierTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final WebhookResponseClassifier classifier =
            new WebhookResponseClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void succeedsOn2xxWithTheStatusAsSummary(int status) throws Exception {
        assertEquals(
                "HTTP " + status,
                classifier.classify("example.com", status, Optional.empty()).summary());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 302, 303, 304, 307, 308})
    void deadLettersRedirectsBecauseTheyAreNotFollowed(int status) {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class, () -> classifier.classify("example.com", status, Optional.of("5")));

        assertEquals(
                "HTTP " + status + " from example.com; redirects are not followed, enqueue the final URL",
                failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 451, 499})
    void deadLettersClientErrorsOtherThan408And429(int status) {
        PermanentJobFailure failure = assertThrows(
                PermanentJobFailure.class, () -> classifier.classify("example.com", status, Optional.empty()));

        assertEquals("HTTP " + status + " from example.com", failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 501, 502, 503, 504, 599})
    void retries408And429And5xxWithTheBackoffWhenNoRetryAfter(int status) {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class, () -> classifier.classify("example.com", status, Optional.empty()));

        assertEquals("HTTP " + status + " from example.com", failure.getMessage());
        assertEquals(Optional.empty(), failure.retryAfter());
    }

    @Test
    void retriesWith429AndRetryAfterSeconds() {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class, () -> classifier.classify("example.com", 429, Optional.of("120")));

        assertEquals(Optional.of(Duration.ofMinutes(2)), failure.retryAfter());
    }

    @Test
    void retriesWith503AndRetryAfterHttpDate() {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class,
                () -> classifier.classify("example.com", 503, Optional.of("Mon, 23 Nov 2026 10:05:00 GMT")));

        assertEquals(Optional.of(Duration.ofMinutes(5)), failure.retryAfter());
    }

    @Test
    void fallsBackToTheBackoffWhenRetryAfterIsMalformed() {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class, () -> classifier.classify("example.com", 429, Optional.of("in a bit")));

        assertEquals(Optional.empty(), failure.retryAfter());
    }

    @Test
    void retriesNowWhenRetryAfterIsNegative() {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class, () -> classifier.classify("example.com", 500, Optional.of("-1")));

        assertEquals(Optional.of(Duration.ZERO), failure.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 600, 999})
    void retriesUnexpectedStatusCodes(int status) {
        RetryableJobFailure failure = assertThrows(
                RetryableJobFailure.class, () -> classifier.classify("example.com", status, Optional.empty()));

        assertEquals("unexpected HTTP " + status + " from example.com", failure.getMessage());
    }
}
