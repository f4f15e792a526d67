package io.sluice.functions.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as {@link PinnedHttpClient} writes it: the method, the URL (its host names the server for the
 * {@code Host} header and TLS, never for a lookup), the header fields in sending order, and the body or
 * {@code null} for none.
 */
record WebhookRequest(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
    WebhookRequest {
        headers = List.copyOf(headers);
    }
}
