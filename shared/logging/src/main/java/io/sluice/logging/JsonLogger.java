package io.sluice.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sluice.topology.SluiceEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes each event as one JSON line. MDC entries and the fluent API's key-value pairs become top-level
 * fields; an exception becomes {@code errorType}, {@code errorMessage} and a short {@code stackTrace}.
 * One {@code println} per event, so concurrent lanes never interleave within a line.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int STACK_FRAMES = 12;

    private final Level threshold;
    private final PrintStream out;
    private final MDCAdapter mdc;

    JsonLogger(String name, Level threshold, PrintStream out, MDCAdapter mdc) {
        this.name = name;
        this.threshold = threshold;
        this.out = out;
        this.mdc = mdc;
    }

    /** {@code SLUICE_LOG_LEVEL}, else Lambda's {@code AWS_LAMBDA_LOG_LEVEL}, else INFO. */
    static Level levelFrom(Map<String, String> env) {
        String value = env.getOrDefault(SluiceEnvironment.LOG_LEVEL, env.get("AWS_LAMBDA_LOG_LEVEL"));
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "FATAL" -> Level.ERROR;
            case "WARNING" -> Level.WARN;
            default -> {
                try {
                    yield Level.valueOf(upper);
                } catch (IllegalArgumentException e) {
                    yield Level.INFO;
                }
            }
        };
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        write(level, pattern, arguments, throwable, null);
    }

    @Override
    public void log(LoggingEvent event) {
        if (enabled(event.getLevel())) {
            Throwable t = event.getThrowable();
            write(event.getLevel(), event.getMessage(), event.getArgumentArray(), t, event.getKeyValuePairs());
        }
    }

    private void write(
            Level level, String pattern, Object[] arguments, Throwable throwable, Iterable<KeyValuePair> pairs) {
        var formatted = MessageFormatter.arrayFormat(pattern, arguments, throwable);
        Throwable error = throwable != null ? throwable : formatted.getThrowable();
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("logger", name);
            json.writeStringField("message", formatted.getMessage());
            Map<String, String> context = mdc.getCopyOfContextMap();
            if (context != null) {
                for (Map.Entry<String, String> e : context.entrySet()) {
                    json.writeStringField(e.getKey(), e.getValue());
                }
            }
            if (pairs != null) {
                for (KeyValuePair pair : pairs) {
                    json.writeStringField(pair.key, String.valueOf(pair.value));
                }
            }
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("errorMessage", String.valueOf(error.getMessage()));
                json.writeArrayFieldStart("stackTrace");
                StackTraceElement[] frames = error.getStackTrace();
                for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
                    json.writeString(frames[i].toString());
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(line);
    }
}
