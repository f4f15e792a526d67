package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Captures what is written to {@code System.out} while it is open: outside Lambda, Sluice points the EMF
 * library at stdout (its {@code Local} environment, whose console sink looks {@code System.out} up on every
 * write), so the captured lines are exactly what Lambda would ship to CloudWatch Logs.
 */
public final class StdoutCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public StdoutCapture() {
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /** The lines written so far, without blank ones. */
    public List<String> lines() {
        System.out.flush();
        return Arrays.stream(buffer.toString(StandardCharsets.UTF_8).split("\\R"))
                .filter(l -> !l.isBlank())
                .toList();
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
