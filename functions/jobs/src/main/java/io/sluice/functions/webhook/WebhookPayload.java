package io.sluice.functions.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code webhook} job sends: one HTTP request. Deserialised by Jackson from the envelope's
 * {@code payload}, with unknown fields refused; {@link WebhookPayloadValidator} then checks the values.
 *
 * <pre>{@code
 * {"url": "https://example.com/hooks/order", "method": "POST",
 *  "headers": {"X-Tenant": "acme"}, "body": {"orderId": "o-42"}}
 * }</pre>
 *
 * @param url absolute {@code http} or {@code https} URL, at most 2048 characters; required
 * @param method one of {@code POST, PUT, PATCH, DELETE, GET}, upper case as HTTP spells them; default {@code POST}
 * @param headers extra request headers; may replace {@code Content-Type} and {@code User-Agent}, but not
 *     hop-by-hop headers or Sluice's own {@code Sluice-*} headers; default none
 * @param body any JSON value, sent compact as {@code application/json}; absent (or JSON {@code null})
 *     sends no body
 */
public record WebhookPayload(String url, String method, Map<String, String> headers, JsonNode body) {
    /** The method used when the payload names none. */
    public static final String DEFAULT_METHOD = "POST";

    public WebhookPayload {
        method = method == null ? DEFAULT_METHOD : method;
        // Not Map.copyOf: a JSON null header value must survive to validation, which names it.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null || body.isNull() || body.isMissingNode() ? null : body;
    }

    /** A POST with a JSON body and no extra headers. */
    public static WebhookPayload post(String url, JsonNode body) {
        return new WebhookPayload(url, DEFAULT_METHOD, Map.of(), body);
    }

    /** The body, if there is one. */
    public Optional<JsonNode> optionalBody() {
        return Optional.ofNullable(body);
    }

    /**
     * Leaves out header values, the body and the URL's path and query, which may carry tokens or personal
     * data, so logging a payload by accident leaks nothing.
     */
    @Override
    public String toString() {
        String target;
        try {
            URI uri = url == null ? null : new URI(url);
            target = uri == null || uri.getHost() == null
                    ? "<unparsed>"
                    : uri.getScheme() + "://" + uri.getHost() + "/…";
        } catch (Exception e) {
            target = "<unparsed>";
        }
        return "WebhookPayload[method=" + method + ", url=" + target + ", headers=" + new ArrayList<>(headers.keySet())
                + ", body=" + (body == null ? "absent" : "present") + "]";
    }
}
