package io.sluice.console;

import java.time.Duration;

/**
 * How the console serves: the loopback port ({@code 0} picks a free one), whether it is read-only (every action
 * hidden and refused), and how often the overview refreshes itself.
 */
public record ConsoleOptions(int port, boolean readOnly, Duration refresh) {
    /** A free port, actions on, refreshed every 5 seconds. */
    public static final ConsoleOptions DEFAULT = new ConsoleOptions(0, false, Duration.ofSeconds(5));

    public ConsoleOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("console port " + port + " is out of range; give 0 (any free) to 65535");
        }
        if (refresh == null || refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException(
                    "console refresh " + refresh + " must be a positive duration such as 5s");
        }
    }

    public ConsoleOptions withPort(int value) {
        return new ConsoleOptions(value, readOnly, refresh);
    }

    public ConsoleOptions withReadOnly(boolean value) {
        return new ConsoleOptions(port, value, refresh);
    }
}
