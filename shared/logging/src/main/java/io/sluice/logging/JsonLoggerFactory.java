package io.sluice.logging;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/** Hands out one {@link JsonLogger} per name, all writing to the same stream at the same threshold. */
final class JsonLoggerFactory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final PrintStream out;
    private final Level threshold;
    private final MDCAdapter mdc;

    JsonLoggerFactory(PrintStream out, Level threshold, MDCAdapter mdc) {
        this.out = out;
        this.threshold = threshold;
        this.mdc = mdc;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLogger(n, threshold, out, mdc));
    }
}
