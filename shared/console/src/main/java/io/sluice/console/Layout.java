package io.sluice.console;

import io.sluice.ops.SluiceOperations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every page's frame needs (the app, the navigation, the action token, read-only mode), and the rendering of a
 * page into it, so each page builds only its own content.
 */
final class Layout {
    private final SluiceOperations ops;
    private final Templates templates;
    private final ConsoleOptions options;
    private final String token;

    Layout(SluiceOperations ops, Templates templates, ConsoleOptions options, String token) {
        this.ops = ops;
        this.templates = templates;
        this.options = options;
        this.token = token;
    }

    /** A scope holding the frame's values; pages add theirs. */
    Map<String, Object> scope(String title) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("title", title);
        scope.put("app", ops.app());
        scope.put("readOnly", options.readOnly());
        scope.put("actions", !options.readOnly());
        scope.put("token", token);
        scope.put("refreshSeconds", Math.max(1, options.refresh().toSeconds()));
        scope.put("now", Display.time(ops.clock().instant()));
        scope.put("types", ops.types().stream().map(t -> Map.of("type", t)).toList());
        return scope;
    }

    ConsoleResponse page(String template, Map<String, Object> scope) {
        return page(200, template, scope);
    }

    ConsoleResponse page(int status, String template, Map<String, Object> scope) {
        return ConsoleResponse.html(status, templates.render(template, scope));
    }

    /** An error page: what went wrong and what to do, never a stack trace. */
    ConsoleResponse error(int status, String heading, String message) {
        Map<String, Object> scope = scope(heading);
        scope.put("heading", heading);
        scope.put("message", message);
        return ConsoleResponse.html(status, templates.render("error", scope));
    }

    /** The outcome of an action, with links back to where the operator was. */
    ConsoleResponse result(String heading, List<String> lines, String backHref, String backLabel) {
        Map<String, Object> scope = scope(heading);
        scope.put("heading", heading);
        scope.put("lines", lines);
        scope.put("backHref", backHref);
        scope.put("backLabel", backLabel);
        return ConsoleResponse.html(templates.render("result", scope));
    }

    SluiceOperations ops() {
        return ops;
    }
}
