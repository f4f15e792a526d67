package io.sluice.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Decodes {@code application/x-www-form-urlencoded} text, a query string or an AWS query-protocol body, for every
 * HTTP API sluice-local serves. Two readings, because the APIs they imitate read it differently: the AWS APIs keep
 * only named fields with a value, the last one winning; the Jobs API reads as API Gateway does.
 */
public final class UrlForm {
    private UrlForm() {}

    /** The fields that have a name and a value ({@code a=1}); a repeated name keeps its last value. */
    public static Map<String, String> fields(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            decode(raw, false, values::put);
        }
        return values;
    }

    /**
     * Every field as API Gateway reads a query string: one without a value ({@code ?verbose}) is empty, and a repeated
     * name's values are joined with commas.
     */
    public static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            decode(raw, true, (name, value) -> values.merge(name, value, (a, b) -> a + "," + b));
        }
        return values;
    }

    private static void decode(String raw, boolean valueless, BiConsumer<String, String> field) {
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 || valueless) {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                field.accept(name, value);
            }
        }
    }
}
