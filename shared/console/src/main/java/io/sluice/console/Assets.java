package io.sluice.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's static files, served from the jar: its own stylesheet and chart script, and the vendored htmx and
 * uPlot builds (copied from npm at the versions in {@code assets/vendor/VERSIONS}). Only names on the list are
 * served, so a path can never reach another classpath resource.
 */
final class Assets {
    private static final Map<String, String> TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "vendor/htmx.min.js", "text/javascript; charset=utf-8",
            "vendor/uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "vendor/uPlot.min.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Optional<ConsoleResponse> get(String name) {
        String type = TYPES.get(name);
        if (type == null) {
            return Optional.empty();
        }
        byte[] body = cache.computeIfAbsent(name, Assets::load);
        return Optional.of(new ConsoleResponse(200, type, body, null));
    }

    private static byte[] load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
