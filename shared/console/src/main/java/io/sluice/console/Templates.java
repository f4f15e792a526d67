package io.sluice.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.sluice.ops.DisplayText;
import java.io.StringWriter;
import java.util.Map;

/**
 * The console's Mustache templates ({@code io/sluice/console/templates/*.mustache} on the classpath), compiled once
 * and cached by the factory. Mustache escapes every {@code {{value}}} for HTML, so job data (ids, reasons, details,
 * payloads) can never become markup, and first through {@link DisplayText#escapeForPage}, so control characters and
 * bidirectional overrides in them are shown as escapes instead of acting on the page.
 */
final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("io/sluice/console/templates") {
        @Override
        public void encode(String value, java.io.Writer writer) {
            super.encode(DisplayText.escapeForPage(value), writer);
        }
    };

    String render(String name, Map<String, Object> scope) {
        Mustache template = factory.compile(name + ".mustache");
        StringWriter out = new StringWriter();
        template.execute(out, scope);
        return out.toString();
    }
}
