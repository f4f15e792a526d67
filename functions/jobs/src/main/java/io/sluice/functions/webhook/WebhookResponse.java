package io.sluice.functions.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a receiver answered: the status code and the response's header fields (names in lower case, the first value
 * of each). The body is never read: it is never logged or stored, so reading it would only cost time.
 */
record WebhookResponse(int status, Map<String, String> headers) {
    WebhookResponse {
        headers = Map.copyOf(headers);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
