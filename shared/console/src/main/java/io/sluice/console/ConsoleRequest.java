package io.sluice.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the pages see it: the method, the decoded path segments, and the query and form parameters
 * ({@code application/x-www-form-urlencoded}, repeated names kept in order). Whether htmx asked for a fragment is
 * the {@code HX-Request} header.
 */
record ConsoleRequest(
        String method,
        List<String> segments,
        Map<String, List<String>> query,
        Map<String, List<String>> form,
        boolean fragment) {

    static ConsoleRequest of(String method, String rawPath, String rawQuery, String formBody, boolean fragment) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return new ConsoleRequest(method, List.copyOf(segments), parameters(rawQuery), parameters(formBody), fragment);
    }

    static Map<String, List<String>> parameters(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** A query parameter, blank treated as absent. */
    Optional<String> param(String name) {
        return first(query, name);
    }

    /** A form field, blank treated as absent. */
    Optional<String> field(String name) {
        return first(form, name);
    }

    /** Every non-blank value of a form field. */
    List<String> fields(String name) {
        return form.getOrDefault(name, List.of()).stream()
                .filter(v -> !v.isBlank())
                .toList();
    }

    String segment(int index) {
        return index < segments.size() ? segments.get(index) : "";
    }

    private static Optional<String> first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0).trim());
    }
}
