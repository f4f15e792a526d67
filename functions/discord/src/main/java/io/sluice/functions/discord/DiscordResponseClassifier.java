package io.sluice.functions.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.sluice.envelope.SluiceJson;
import io.sluice.functions.http.RetryAfter;
import io.sluice.job.JobDeferral;
import io.sluice.job.JobResult;
import io.sluice.job.PermanentJobFailure;
import io.sluice.job.RetryableJobFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what Discord's answer to Execute Webhook ({@code ?wait=true}) means for the job:
 *
 * <ul>
 *   <li>2xx: posted; the result is the created message's {@code id}.
 *   <li>429: rate limited (<a href="https://discord.com/developers/docs/topics/rate-limits">rate limits</a>):
 *       the job is deferred, without spending an attempt, for the body's {@code retry_after} (seconds, a float),
 *       else the {@code Retry-After} header, else {@code X-RateLimit-Reset-After}; when Discord names no time
 *       at all, it is retried after the job type's backoff. A global limit ({@code "global": true},
 *       {@code X-RateLimit-Global: true} or {@code X-RateLimit-Scope: global}) is honoured the same way and
 *       named as such in the message. A Cloudflare ban (429 without a JSON body) falls back to the headers.
 *   <li>5xx: retry, after {@code Retry-After} if Discord sent one.
 *   <li>3xx: permanent; redirects are not followed.
 *   <li>other 4xx: permanent, with Discord's {@code message}, {@code code} and field errors, such as
 *       {@code Invalid Form Body (code 50035): embeds.0.description: Must be 4096 or fewer in length.}; a 401 or
 *       404 means the webhook was deleted or its URL is wrong (Discord asks clients to stop using such a webhook).
 *   <li>anything else: retry.
 * </ul>
 *
 * <p>Messages name the channel, never the webhook URL, which contains the webhook's token.
 */
public final class DiscordResponseClassifier {
    private static final int MAX_DISCORD_TEXT = 300;
    private static final int MAX_FIELD_ERRORS = 5;

    private final Clock clock;

    public DiscordResponseClassifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Classifies one response.
     *
     * @param channel the payload's channel, for messages
     * @param body the response body as received (may be empty or not JSON)
     * @return the job's result on 2xx: the created message's id
     * @throws PermanentJobFailure on 3xx and 4xx other than 429
     * @throws JobDeferral on 429 with a time to wait
     * @throws RetryableJobFailure on 429 without one, 5xx and unexpected codes
     */
    public JobResult classify(String channel, int status, HttpHeaders headers, byte[] body)
            throws PermanentJobFailure, RetryableJobFailure, JobDeferral {
        JsonNode json = parse(body);
        if (status >= 200 && status <= 299) {
            JsonNode id = json.path("id");
            return JobResult.of(id.isTextual() || id.isNumber() ? id.asText() : "HTTP " + status);
        }
        String where = "HTTP " + status + " from Discord for channel '" + channel + "'";
        if (status == 429) {
            rateLimited(channel, headers, json);
        }
        if (status >= 500 && status <= 599) {
            throw new RetryableJobFailure(
                    where + said(json),
                    headers.firstValue("Retry-After")
                            .flatMap(value -> RetryAfter.parse(value, clock.instant()))
                            .orElse(null));
        }
        if (status >= 300 && status <= 399) {
            throw new PermanentJobFailure(where + "; redirects are not followed");
        }
        if (status >= 400 && status <= 499) {
            String hint = status == 401 || status == 404
                    ? "; the webhook was deleted or its URL is wrong: update the channel's entry in the webhooks secret"
                    : "";
            throw new PermanentJobFailure(where + said(json) + hint);
        }
        throw new RetryableJobFailure("unexpected " + where);
    }

    /** Always throws: a deferral when Discord named a time, else a retryable failure. */
    private void rateLimited(String channel, HttpHeaders headers, JsonNode json)
            throws JobDeferral, RetryableJobFailure {
        boolean global = isGlobal(headers, json);
        Optional<Duration> delay = seconds(json.path("retry_after"))
                .or(() -> headers.firstValue("Retry-After").flatMap(value -> RetryAfter.parse(value, clock.instant())))
                .or(() -> headers.firstValue("X-RateLimit-Reset-After").flatMap(DiscordResponseClassifier::seconds));
        String scope = headers.firstValue("X-RateLimit-Scope")
                .filter(s -> !global)
                .map(s -> " (" + printable(s) + ")")
                .orElse("");
        String message = "Discord " + (global ? "global rate limit" : "rate limit" + scope) + " for channel '" + channel
                + "'" + said(json)
                + delay.map(d -> "; retry after " + d.toMillis() / 1000.0 + " s")
                        .orElse("; retry after the backoff");
        if (delay.isPresent()) {
            throw JobDeferral.after(message, delay.get());
        }
        throw new RetryableJobFailure(message);
    }

    /** Whether a 429 is Discord's global limit (for the whole bot or IP, not one webhook). */
    public static boolean isGlobal(int status, HttpHeaders headers, byte[] body) {
        return status == 429 && isGlobal(headers, parse(body));
    }

    private static boolean isGlobal(HttpHeaders headers, JsonNode json) {
        return json.path("global").asBoolean(false)
                || headers.firstValue("X-RateLimit-Global")
                        .map("true"::equalsIgnoreCase)
                        .orElse(false)
                || headers.firstValue("X-RateLimit-Scope")
                        .map("global"::equalsIgnoreCase)
                        .orElse(false);
    }

    /** A number of seconds, possibly fractional, as Discord sends {@code retry_after}; rounded up to the millisecond. */
    private static Optional<Duration> seconds(JsonNode node) {
        if (!node.isNumber()) {
            return Optional.empty();
        }
        return millis(node.decimalValue());
    }

    private static Optional<Duration> seconds(String text) {
        try {
            return millis(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> millis(BigDecimal seconds) {
        if (seconds.signum() < 0) {
            return Optional.of(Duration.ZERO);
        }
        BigDecimal millis = seconds.movePointRight(3).setScale(0, RoundingMode.CEILING);
        // Beyond a long's range Discord means "a very long time"; the runtime caps any delay anyway.
        return Optional.of(
                millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0
                        ? Duration.ofMillis(Long.MAX_VALUE / 2)
                        : Duration.ofMillis(millis.longValueExact()));
    }

    /** {@code : <message> (code <code>): <field errors>} from Discord's JSON error body, or nothing. */
    private static String said(JsonNode json) {
        StringBuilder text = new StringBuilder();
        if (json.path("message").isTextual()) {
            text.append(": ").append(printable(json.path("message").asText()));
        }
        if (json.path("code").isNumber() && json.path("code").asInt() != 0) {
            text.append(" (code ").append(json.path("code").asInt()).append(')');
        }
        List<String> fieldErrors = new ArrayList<>();
        collectFieldErrors(json.path("errors"), "", fieldErrors);
        if (!fieldErrors.isEmpty()) {
            text.append(": ")
                    .append(String.join("; ", fieldErrors.subList(0, Math.min(MAX_FIELD_ERRORS, fieldErrors.size()))));
            if (fieldErrors.size() > MAX_FIELD_ERRORS) {
                text.append("; and ")
                        .append(fieldErrors.size() - MAX_FIELD_ERRORS)
                        .append(" more");
            }
        }
        return text.toString();
    }

    // Discord nests field errors by path: {"embeds": {"0": {"description": {"_errors": [{"code": ..., "message":
    // ...}]}}}}.
    private static void collectFieldErrors(JsonNode node, String path, List<String> out) {
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equals("_errors") && entry.getValue().isArray()) {
                for (JsonNode error : entry.getValue()) {
                    out.add((path.isEmpty() ? "" : path + ": ")
                            + printable(error.path("message")
                                    .asText(error.path("code").asText("invalid"))));
                }
            } else {
                collectFieldErrors(
                        entry.getValue(),
                        path.isEmpty() ? printable(entry.getKey()) : path + "." + printable(entry.getKey()),
                        out);
            }
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode json = SluiceJson.mapper().readTree(body);
            return json == null ? MissingNode.getInstance() : json;
        } catch (Exception e) {
            // A Cloudflare page or a proxy's error: no JSON to read, the status and headers decide.
            return MissingNode.getInstance();
        }
    }

    // One line, printable, bounded: Discord's text goes into DLQ attributes, history and logs.
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_DISCORD_TEXT; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return text.length() > MAX_DISCORD_TEXT
                ? out.toString().strip() + "…"
                : out.toString().strip();
    }
}
